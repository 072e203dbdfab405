using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContactsEmulator;

/// <summary>
/// HighLevel's OAuth 2.0 endpoints (highlevel-oauth-openapi.json): /oauth/token (form-encoded grants
/// refresh_token, authorization_code, client_credentials), /oauth/locationToken and /oauth/installedLocations
/// (agency tokens). The middleware logs these calls with their secrets redacted and does not rate-limit them.
/// </summary>
public sealed class OAuthEndpoints
{
    public const string Prefix = "/oauth/";
    public const string InvalidGrant = "Invalid grant: refresh token is invalid";
    public const string InvalidCode = "Invalid grant: authorization code is invalid";
    public const string LocationNotActive = "Location is not active";
    public const string NotAuthorizedForScope = "The token is not authorized for this scope.";
    private const string AgencyVersion = "2021-07-28";

    private readonly EmulatorRuntime _runtime;

    private OAuthEndpoints(EmulatorRuntime runtime) => _runtime = runtime;

    public static bool IsOAuthPath(string path) => path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
    {
        var endpoints = new OAuthEndpoints(runtime);
        app.MapPost("/oauth/token", endpoints.TokenAsync);
        app.MapPost("/oauth/locationToken", endpoints.LocationTokenAsync);
        app.MapGet("/oauth/installedLocations", endpoints.InstalledLocationsAsync);
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        var config = _runtime.Config;
        var form = ReadForm(ctx);
        var problems = new List<string>();
        var clientId = form.GetValueOrDefault("client_id");
        var secret = form.GetValueOrDefault("client_secret");
        var grantType = form.GetValueOrDefault("grant_type");
        var userType = form.GetValueOrDefault("user_type");
        if (string.IsNullOrEmpty(clientId)) problems.Add("client_id should not be empty");
        if (string.IsNullOrEmpty(secret)) problems.Add("client_secret should not be empty");
        if (grantType is not ("authorization_code" or "refresh_token" or "client_credentials"))
            problems.Add("grant_type must be one of the following values: authorization_code, refresh_token, client_credentials");
        if (!string.IsNullOrEmpty(userType) && userType is not ("Company" or "Location"))
            problems.Add("user_type must be one of the following values: Company, Location");
        if (grantType == "refresh_token" && string.IsNullOrEmpty(form.GetValueOrDefault("refresh_token"))) problems.Add("refresh_token should not be empty");
        if (grantType == "authorization_code" && string.IsNullOrEmpty(form.GetValueOrDefault("code"))) problems.Add("code should not be empty");
        if (problems.Count > 0)
        {
            await ApiResponses.Validation(ctx, problems);
            return;
        }

        var app = config.OAuthApps.FirstOrDefault(a => a.ClientId == clientId);
        if (app == null || !FixedTimeEquals(app.ClientSecret, secret))
        {
            Request(ctx).Fault = "invalidClient";
            await ApiResponses.Error(ctx, 401, "Invalid client: client id or client secret is invalid", "Unauthorized");
            return;
        }

        OAuthGrant grant;
        bool withRefreshToken = true;
        switch (grantType)
        {
            case "refresh_token":
            case "authorization_code":
            {
                bool isCode = grantType == "authorization_code";
                var presented = form.GetValueOrDefault(isCode ? "code" : "refresh_token");
                grant = isCode ? _runtime.OAuth.PeekCode(presented, config) : _runtime.OAuth.PeekRefreshToken(presented, config);
                if (grant == null || grant.ClientId != app.ClientId)
                {
                    Request(ctx).Fault = "invalidGrant";
                    await ApiResponses.Error(ctx, 400, isCode ? InvalidCode : InvalidGrant);
                    return;
                }
                if (!string.IsNullOrEmpty(userType) && userType != grant.UserType)
                {
                    Request(ctx).Fault = "invalidGrant";
                    await ApiResponses.Error(ctx, 400, $"Invalid grant: the token's user type is {grant.UserType}, not {userType}");
                    return;
                }
                // A paused sub-account refuses the refresh but keeps the token: it works again once the location is active.
                if (!grant.IsCompany && config.InactiveLocations.Contains(grant.LocationId))
                {
                    Request(ctx).Fault = "locationNotActive";
                    await ApiResponses.Error(ctx, 400, LocationNotActive);
                    return;
                }
                if (!_runtime.OAuth.Redeem(presented, isCode, config))
                {
                    Request(ctx).Fault = "invalidGrant";
                    await ApiResponses.Error(ctx, 400, isCode ? InvalidCode : InvalidGrant);
                    return;
                }
                break;
            }
            default:
                // client_credentials: the app acts for the company that installed it; there is nothing to refresh.
                if (userType == "Location")
                {
                    await ApiResponses.Validation(ctx, ["user_type must be Company for the client_credentials grant"]);
                    return;
                }
                grant = OAuthStore.FromSeed(new OAuthGrantSeed { UserType = "Company", ClientId = app.ClientId }, config);
                withRefreshToken = false;
                break;
        }

        var body = new JsonObject
        {
            ["access_token"] = _runtime.OAuth.IssueAccessToken(grant, config.AccessTokenExpiresIn),
            ["token_type"] = "Bearer",
            ["expires_in"] = config.AccessTokenExpiresIn,
        };
        if (withRefreshToken) body["refresh_token"] = _runtime.OAuth.IssueRefreshToken(grant);
        body["scope"] = grant.Scope;
        body["userType"] = grant.UserType;
        if (!grant.IsCompany) body["locationId"] = grant.LocationId;
        body["companyId"] = grant.CompanyId;
        if (grant.IsCompany)
        {
            body["approvedLocations"] = new JsonArray(config.CompanyLocations.Select(l => (JsonNode)l.Id).ToArray());
            body["isBulkInstallation"] = true;
        }
        body["userId"] = IdGenerator.Derived("user", grant.CompanyId);
        await ApiResponses.Json(ctx, 200, body);
    }

    private async Task LocationTokenAsync(HttpContext ctx)
    {
        var config = _runtime.Config;
        var agency = await AgencyTokenAsync(ctx, "oauth.write");
        if (agency == null) return;
        var form = ReadForm(ctx);
        var companyId = form.GetValueOrDefault("companyId");
        var locationId = form.GetValueOrDefault("locationId");
        var problems = new List<string>();
        if (string.IsNullOrEmpty(companyId)) problems.Add("companyId should not be empty");
        if (string.IsNullOrEmpty(locationId)) problems.Add("locationId should not be empty");
        if (problems.Count > 0)
        {
            await ApiResponses.Validation(ctx, problems);
            return;
        }
        if (companyId != agency.CompanyId || config.CompanyLocations.All(l => l.Id != locationId))
        {
            await ApiResponses.Forbidden(ctx);
            return;
        }
        if (config.InactiveLocations.Contains(locationId))
        {
            Request(ctx).Fault = "locationNotActive";
            await ApiResponses.Error(ctx, 400, LocationNotActive);
            return;
        }
        var grant = new OAuthGrant("Location", locationId, agency.CompanyId, agency.ClientId, agency.AppId, OAuthStore.DefaultLocationScope);
        await ApiResponses.Json(ctx, 200, new JsonObject
        {
            ["access_token"] = _runtime.OAuth.IssueAccessToken(grant, config.LocationTokenExpiresIn),
            ["token_type"] = "Bearer",
            ["expires_in"] = config.LocationTokenExpiresIn,
            ["refresh_token"] = _runtime.OAuth.IssueRefreshToken(grant),
            ["scope"] = grant.Scope,
            ["userType"] = "Location",
            ["locationId"] = locationId,
            ["companyId"] = agency.CompanyId,
            ["userId"] = IdGenerator.Derived("user", agency.CompanyId),
            ["appId"] = agency.AppId,
        });
    }

    private async Task InstalledLocationsAsync(HttpContext ctx)
    {
        var config = _runtime.Config;
        var agency = await AgencyTokenAsync(ctx, "oauth.readonly");
        if (agency == null) return;
        var query = ctx.Request.Query;
        var problems = new List<string>();
        if (string.IsNullOrEmpty(query["companyId"])) problems.Add("companyId should not be empty");
        if (string.IsNullOrEmpty(query["appId"])) problems.Add("appId should not be empty");
        if (!TryNumber(query["skip"], 0, out var skip) || skip < 0) problems.Add("skip must be a number string");
        if (!TryNumber(query["limit"], 20, out var limit) || limit < 1) problems.Add("limit must be a number string");
        if (problems.Count > 0)
        {
            await ApiResponses.Validation(ctx, problems);
            return;
        }
        if (query["companyId"] != agency.CompanyId || query["appId"] != agency.AppId)
        {
            await ApiResponses.Error(ctx, 403, "The token does not have access to this company or app");
            return;
        }
        IEnumerable<InstalledLocationConfig> matches = config.CompanyLocations;
        var name = query["query"].ToString();
        if (name.Length > 0) matches = matches.Where(l => (l.Name ?? string.Empty).Contains(name, StringComparison.OrdinalIgnoreCase));
        var locationId = query["locationId"].ToString();
        if (locationId.Length > 0) matches = matches.Where(l => l.Id == locationId);
        if (query["isInstalled"].ToString() == "false") matches = [];
        var all = matches.ToList();
        var page = all.Skip(skip).Take(limit).Select(l => (JsonNode)new JsonObject
        {
            ["_id"] = l.Id,
            ["name"] = l.Name ?? l.Id,
            ["address"] = l.Address ?? string.Empty,
            ["isInstalled"] = true,
        });
        await ApiResponses.Json(ctx, 200, new JsonObject
        {
            ["locations"] = new JsonArray(page.ToArray()),
            ["count"] = all.Count,
            ["installToFutureLocations"] = false,
        });
    }

    /// <summary>The agency (Company) token of the request, or null after answering 401/400.</summary>
    private async Task<OAuthGrant> AgencyTokenAsync(HttpContext ctx, string scope)
    {
        var token = ApiPipelineMiddleware.BearerToken(ctx.Request.Headers.Authorization.ToString());
        var issued = token == null ? null : _runtime.OAuth.FindAccessToken(token);
        if (issued == null || issued.ExpiresAtUtc <= DateTime.UtcNow)
        {
            if (issued != null) Request(ctx).Fault = "tokenExpired";
            await ApiResponses.Unauthorized(ctx);
            return null;
        }
        if (!issued.Grant.IsCompany || !issued.Grant.HasScope(scope))
        {
            await ApiResponses.Error(ctx, 401, NotAuthorizedForScope, "Unauthorized");
            return null;
        }
        var version = ctx.Request.Headers["Version"].ToString().Trim();
        if (version.Length == 0 || version != AgencyVersion)
        {
            await ApiResponses.BadRequest(ctx, version.Length == 0 ? "Version header was not found" : $"Version header value {version} is not supported; use {AgencyVersion}", Request(ctx).TraceId);
            return null;
        }
        return issued.Grant;
    }

    private static Dictionary<string, string> ReadForm(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType ?? string.Empty;
        return contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? FormBody.Parse(Request(ctx).RawBody)
            : new Dictionary<string, string>();
    }

    private static bool TryNumber(string text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, out value);
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected ?? string.Empty), System.Text.Encoding.UTF8.GetBytes(actual ?? string.Empty));

    private static RequestContext Request(HttpContext ctx) => ctx.Features.Get<RequestContext>();
}
