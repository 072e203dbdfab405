using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContactsEmulator;

/// <summary>GET /locations/{locationId}: the sub-account with its settings (allowDuplicateContact among them).</summary>
public static class LocationEndpoints
{
    public const string ReadScope = "locations.readonly";

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
    {
        app.MapGet("/locations/{locationId}", async ctx =>
        {
            var request = ctx.Features.Get<RequestContext>();
            // A Marketplace app's token needs the scope; Private Integrations are not modelled with scopes.
            if (runtime.OAuth.FindAccessToken(request.Token) is { } issued && !issued.Grant.HasScope(ReadScope))
            {
                await ApiResponses.Error(ctx, 401, OAuthEndpoints.NotAuthorizedForScope, "Unauthorized");
                return;
            }
            var locationId = ctx.Request.RouteValues["locationId"]?.ToString();
            if (locationId != request.LocationId)
            {
                await ApiResponses.Forbidden(ctx);
                return;
            }
            var config = runtime.Config;
            await ApiResponses.Json(ctx, 200, new JsonObject
            {
                ["location"] = new JsonObject
                {
                    ["id"] = locationId,
                    ["companyId"] = config.CompanyId,
                    ["name"] = "Emulator location " + locationId,
                    ["timezone"] = "America/New_York",
                    ["settings"] = new JsonObject
                    {
                        ["allowDuplicateContact"] = config.AllowDuplicates,
                        ["allowDuplicateOpportunity"] = false,
                        ["allowFacebookNameMerge"] = false,
                        ["disableContactTimezone"] = false,
                    },
                },
            });
        });
    }
}
