using System.Security.Cryptography;

namespace ContactsEmulator;

/// <summary>
/// Tokens handed out since the last reset. Refresh tokens and authorization codes are single-use: the seeded
/// ones (config) and the issued ones both stop working once redeemed.
/// </summary>
public sealed class OAuthStore
{
    public const string DefaultLocationScope = "contacts.readonly contacts.write locations/customFields.readonly";
    public const string DefaultCompanyScope = "contacts.readonly contacts.write locations/customFields.readonly oauth.readonly oauth.write locations.readonly";

    private readonly object _gate = new();
    private readonly Dictionary<string, OAuthAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OAuthGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _redeemed = new(StringComparer.Ordinal);
    private long _refreshCount;

    /// <summary>Successful refresh_token grants since the last reset.</summary>
    public long RefreshCount => Interlocked.Read(ref _refreshCount);

    public OAuthAccessToken FindAccessToken(string token)
    {
        lock (_gate) return _accessTokens.GetValueOrDefault(token);
    }

    /// <summary>The grant behind a refresh token that is still unused, or null.</summary>
    public OAuthGrant PeekRefreshToken(string token, EmulatorConfig config)
    {
        lock (_gate) return PeekLocked(token, config.RefreshTokens, config);
    }

    /// <summary>Marks the refresh token (or code) used; false when it was already used or never existed.</summary>
    public bool Redeem(string token, bool isCode, EmulatorConfig config)
    {
        lock (_gate)
        {
            var grant = PeekLocked(token, isCode ? config.AuthorizationCodes : config.RefreshTokens, config, isCode);
            if (grant == null) return false;
            _redeemed.Add(KeyOf(token, isCode));
            _refreshTokens.Remove(token);
            if (!isCode) Interlocked.Increment(ref _refreshCount);
            return true;
        }
    }

    public OAuthGrant PeekCode(string code, EmulatorConfig config)
    {
        lock (_gate) return PeekLocked(code, config.AuthorizationCodes, config, isCode: true);
    }

    public string IssueAccessToken(OAuthGrant grant, int expiresInSeconds)
    {
        var token = "emu-at-" + RandomText();
        lock (_gate) _accessTokens[token] = new OAuthAccessToken(grant, DateTime.UtcNow.AddSeconds(expiresInSeconds));
        return token;
    }

    public string IssueRefreshToken(OAuthGrant grant)
    {
        var token = "emu-rt-" + RandomText();
        lock (_gate) _refreshTokens[token] = grant;
        return token;
    }

    /// <summary>Makes every issued access token expired now (as if revoked): the next call with one gets 401. Returns how many.</summary>
    public int ExpireAccessTokens()
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            foreach (var token in _accessTokens.Keys.ToList()) _accessTokens[token] = _accessTokens[token] with { ExpiresAtUtc = now };
            return _accessTokens.Count;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _accessTokens.Clear();
            _refreshTokens.Clear();
            _redeemed.Clear();
            Interlocked.Exchange(ref _refreshCount, 0);
        }
    }

    /// <summary>The grant a seed describes, with the config's defaults filled in; null when its app is unknown.</summary>
    public static OAuthGrant FromSeed(OAuthGrantSeed seed, EmulatorConfig config)
    {
        var app = seed.ClientId == null ? config.OAuthApps.FirstOrDefault() : config.OAuthApps.FirstOrDefault(a => a.ClientId == seed.ClientId);
        if (app == null) return null;
        var company = seed.UserType == "Company";
        return new OAuthGrant(seed.UserType, company ? null : seed.LocationId, seed.CompanyId ?? config.CompanyId, app.ClientId, app.AppId,
            seed.Scope ?? (company ? DefaultCompanyScope : DefaultLocationScope));
    }

    private OAuthGrant PeekLocked(string token, Dictionary<string, OAuthGrantSeed> seeds, EmulatorConfig config, bool isCode = false)
    {
        if (string.IsNullOrEmpty(token) || _redeemed.Contains(KeyOf(token, isCode))) return null;
        if (!isCode && _refreshTokens.TryGetValue(token, out var issued)) return issued;
        return seeds != null && seeds.TryGetValue(token, out var seed) && seed != null ? FromSeed(seed, config) : null;
    }

    private static string KeyOf(string token, bool isCode) => (isCode ? "code:" : "refresh:") + token;

    private static string RandomText() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
