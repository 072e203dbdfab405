using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ContactsEmulator;

/// <summary>
/// Runtime behaviour of the emulator. Instances are never mutated once published: a change builds a new
/// instance, so a request always sees one consistent configuration.
/// </summary>
public sealed class EmulatorConfig
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public Dictionary<string, string> Tokens { get; set; } = new()
    {
        ["pit-emulator-token-0001"] = "emulator-location",
        ["pit-other-token-0002"] = "other-location",
    };

    public bool AllowDuplicates { get; set; }
    public int SearchPagingCeiling { get; set; } = 10000;
    public int BurstLimit { get; set; } = 100;
    public int BurstWindowMs { get; set; } = 10000;
    public int DailyLimit { get; set; } = 200000;
    public bool EnforceRateLimit { get; set; } = true;
    public int LatencyMs { get; set; }
    public int LatencyJitterMs { get; set; }
    public double ErrorRate { get; set; }
    public double ErrorAfterStoreRate { get; set; }
    public double DropAfterStoreRate { get; set; }
    public double DropBeforeStoreRate { get; set; }
    public Storm429Config Storm429 { get; set; }
    public int? RetryAfterSeconds { get; set; }
    /// <summary>A raw Retry-After value (seconds or an HTTP date) for every 429; wins over retryAfterSeconds.</summary>
    public string RetryAfterText { get; set; }
    /// <summary>X-RateLimit-Max / X-RateLimit-Interval-Milliseconds to advertise instead of the enforced burst limit (a lying server).</summary>
    public int? AdvertisedBurstLimit { get; set; }
    public int? AdvertisedWindowMs { get; set; }
    /// <summary>Share of creates and upserts that store only after slowStoreMs, whether or not the client is still there.</summary>
    public double SlowStoreRate { get; set; }
    public int SlowStoreMs { get; set; }
    /// <summary>Requests served at once (0 = no limit); the rest queue, and are served even after their client gave up.</summary>
    public int MaxConcurrentRequests { get; set; }
    /// <summary>Search and duplicate look-ups do not see a contact until this long after it was stored (an index that lags).</summary>
    public int SearchLagMs { get; set; }
    /// <summary>When above 0, faultable requests are answered 200 with a JSON body of this many bytes, sent chunked.</summary>
    public long OversizedBodyBytes { get; set; }
    public int Seed { get; set; } = 12345;
    public List<string> FaultPaths { get; set; }

    /// <summary>The location's "Allow Duplicate Contact" search order for upsert and duplicate lookup.</summary>
    public List<string> DuplicateMatchOrder { get; set; } = ["email", "phone"];

    /// <summary>Version header values answered; others get 400. The published contacts spec lists 2021-07-28 only and shows no shape of its own for 2023-02-21.</summary>
    public List<string> ApiVersions { get; set; } = ["2021-07-28", "2021-04-15", "2023-02-21"];

    /// <summary>Versions answered with 400 "... has been retired" (as after HighLevel's retirement window).</summary>
    public List<string> RetiredApiVersions { get; set; } = [];

    /// <summary>Base URI written into meta.nextPageUrl; null: the request's own scheme and host.</summary>
    public string PublicBaseUri { get; set; }
    /// <summary>Marketplace apps that may call /oauth/token.</summary>
    [JsonPropertyName("oauthApps")]
    public List<OAuthAppConfig> OAuthApps { get; set; } =
    [
        new() { ClientId = "emulatorapp000000000001-cl1ent0001", ClientSecret = "emulator-client-secret-0001", AppId = "emulatorapp000000000001" },
    ];

    /// <summary>Refresh tokens valid at start (each single-use, like the ones /oauth/token hands out).</summary>
    public Dictionary<string, OAuthGrantSeed> RefreshTokens { get; set; } = new()
    {
        ["emulator-refresh-location-0001"] = new() { UserType = "Location", LocationId = "emulator-location" },
        ["emulator-refresh-company-0001"] = new() { UserType = "Company" },
    };

    /// <summary>Authorization codes valid at start (single-use).</summary>
    public Dictionary<string, OAuthGrantSeed> AuthorizationCodes { get; set; } = new()
    {
        ["emulator-code-location-0001"] = new() { UserType = "Location", LocationId = "emulator-location" },
        ["emulator-code-company-0001"] = new() { UserType = "Company" },
    };

    /// <summary>expires_in of access tokens from /oauth/token (HighLevel: 86399).</summary>
    public int AccessTokenExpiresIn { get; set; } = 86399;

    /// <summary>expires_in of location tokens from /oauth/locationToken.</summary>
    public int LocationTokenExpiresIn { get; set; } = 86399;

    /// <summary>The agency that installed the app.</summary>
    public string CompanyId { get; set; } = "emulator-company";

    /// <summary>The agency's locations where the app is installed (/oauth/installedLocations, /oauth/locationToken).</summary>
    public List<InstalledLocationConfig> CompanyLocations { get; set; } =
    [
        new() { Id = "emulator-location", Name = "Emulator Location", Address = "1 Main St, Springfield" },
        new() { Id = "other-location", Name = "Other Location", Address = "2 Side St, Springfield" },
        new() { Id = "agency-location-3", Name = "Agency Location 3", Address = "3 High St, Shelbyville" },
        new() { Id = "agency-location-4", Name = "Agency Location 4", Address = "4 Low St, Shelbyville" },
    ];

    /// <summary>Paused or cancelled sub-accounts: their refreshes and location tokens get 400 "Location is not active".</summary>
    public List<string> InactiveLocations { get; set; } = [];

    /// <summary>Oldest request-log entries are dropped beyond this many.</summary>
    public int RequestLogLimit { get; set; } = 100000;

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, JsonOptions)!.AsObject();

    public static EmulatorConfig FromJson(JsonObject json) => json.Deserialize<EmulatorConfig>(JsonOptions);

    /// <summary>
    /// Returns a new config with the top-level keys of <paramref name="patch"/> replacing this one's.
    /// Unknown keys and invalid values are reported in <paramref name="errors"/> and give null.
    /// </summary>
    public EmulatorConfig Merge(JsonObject patch, out List<string> errors)
    {
        errors = [];
        var current = ToJson();
        foreach (var (key, value) in patch)
        {
            var existing = current.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (existing == null)
            {
                errors.Add($"unknown config key {key}");
                continue;
            }
            current[existing] = value?.DeepClone();
        }
        if (errors.Count > 0) return null;

        EmulatorConfig merged;
        try
        {
            merged = FromJson(current);
        }
        catch (JsonException ex)
        {
            errors.Add($"invalid config value: {ex.Message}");
            return null;
        }
        errors.AddRange(merged.Validate());
        return errors.Count > 0 ? null : merged;
    }

    public IEnumerable<string> Validate()
    {
        if (Tokens == null || Tokens.Count == 0) yield return "tokens must map at least one token to a location";
        if (SearchPagingCeiling < 1) yield return "searchPagingCeiling must be at least 1";
        if (BurstLimit < 1) yield return "burstLimit must be at least 1";
        if (BurstWindowMs < 1) yield return "burstWindowMs must be at least 1";
        if (DailyLimit < 1) yield return "dailyLimit must be at least 1";
        if (LatencyMs < 0 || LatencyJitterMs < 0) yield return "latencyMs and latencyJitterMs must not be negative";
        foreach (var (name, rate) in new[]
                 {
                     ("errorRate", ErrorRate), ("errorAfterStoreRate", ErrorAfterStoreRate),
                     ("dropAfterStoreRate", DropAfterStoreRate), ("dropBeforeStoreRate", DropBeforeStoreRate),
                     ("slowStoreRate", SlowStoreRate),
                 })
        {
            if (rate < 0 || rate > 1) yield return $"{name} must be between 0 and 1";
        }
        if (Storm429 != null && (Storm429.StartAfterRequests < 0 || Storm429.Count < 0))
            yield return "storm429.startAfterRequests and storm429.count must not be negative";
        if (DuplicateMatchOrder == null || DuplicateMatchOrder.Count == 0 ||
            DuplicateMatchOrder.Any(f => f is not ("email" or "phone")))
            yield return "duplicateMatchOrder must list \"email\" and/or \"phone\"";
        if (SlowStoreMs < 0 || MaxConcurrentRequests < 0 || SearchLagMs < 0 || OversizedBodyBytes < 0)
            yield return "slowStoreMs, maxConcurrentRequests, searchLagMs and oversizedBodyBytes must not be negative";
        if (AdvertisedBurstLimit is < 1 || AdvertisedWindowMs is < 1) yield return "advertisedBurstLimit and advertisedWindowMs must be at least 1";
        if (RequestLogLimit < 1) yield return "requestLogLimit must be at least 1";
        if (ApiVersions == null || ApiVersions.Count == 0) yield return "apiVersions must list at least one version";
        if (RetiredApiVersions == null) yield return "retiredApiVersions must be a list (empty for none)";
        if (PublicBaseUri != null && !Uri.TryCreate(PublicBaseUri, UriKind.Absolute, out _)) yield return "publicBaseUri must be an absolute URI";
        if (OAuthApps == null || OAuthApps.Any(a => string.IsNullOrEmpty(a?.ClientId) || string.IsNullOrEmpty(a.ClientSecret) || string.IsNullOrEmpty(a.AppId)))
            yield return "oauthApps must be a list of {clientId, clientSecret, appId}";
        foreach (var (name, seeds) in new[] { ("refreshTokens", RefreshTokens), ("authorizationCodes", AuthorizationCodes) })
        {
            if (seeds == null) { yield return $"{name} must be an object"; continue; }
            foreach (var (key, seed) in seeds)
            {
                if (seed == null || seed.UserType is not ("Location" or "Company")) yield return $"{name}.{key}: userType must be Location or Company";
                else if (seed.UserType == "Location" && string.IsNullOrEmpty(seed.LocationId)) yield return $"{name}.{key}: a Location grant needs a locationId";
            }
        }
        if (AccessTokenExpiresIn < 1 || LocationTokenExpiresIn < 1) yield return "accessTokenExpiresIn and locationTokenExpiresIn must be at least 1";
        if (string.IsNullOrEmpty(CompanyId)) yield return "companyId must not be empty";
        if (CompanyLocations == null || CompanyLocations.Any(l => string.IsNullOrEmpty(l?.Id))) yield return "companyLocations must be a list of {id, name, address}";
        if (InactiveLocations == null) yield return "inactiveLocations must be a list";
    }
}
