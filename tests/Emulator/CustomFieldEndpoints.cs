using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContactsEmulator;

/// <summary>The locations API's custom field reads: the list (by model) and one field by id or field key.</summary>
public static class CustomFieldEndpoints
{
    private static readonly string[] Models = ["contact", "opportunity", "all"];

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
    {
        app.MapGet("/locations/{locationId}/customFields", async ctx =>
        {
            if (!await CheckLocationAsync(ctx)) return;
            var model = ctx.Request.Query["model"].ToString();
            if (model.Length > 0 && !Models.Contains(model))
            {
                await ApiResponses.Validation(ctx, [$"model must be one of the following values: {string.Join(", ", Models)}"]);
                return;
            }
            var fields = runtime.Store.CustomFieldSchema(LocationId(ctx))
                .Where(f => model.Length == 0 || model == "all" || f.Model == model)
                .Select(f => (JsonNode)f.ToJson()).ToArray();
            await ApiResponses.Json(ctx, 200, new JsonObject { ["customFields"] = new JsonArray(fields) });
        });

        app.MapGet("/locations/{locationId}/customFields/{id}", async ctx =>
        {
            if (!await CheckLocationAsync(ctx)) return;
            var idOrKey = ctx.Request.RouteValues["id"]?.ToString();
            var field = runtime.Store.FindCustomField(LocationId(ctx), idOrKey);
            if (field == null)
            {
                await ApiResponses.BadRequest(ctx, "Custom field not found", ctx.Features.Get<RequestContext>().TraceId);
                return;
            }
            await ApiResponses.Json(ctx, 200, new JsonObject { ["customField"] = field.ToJson() });
        });
    }

    private static string LocationId(HttpContext ctx) => ctx.Request.RouteValues["locationId"]?.ToString();

    private static async Task<bool> CheckLocationAsync(HttpContext ctx)
    {
        if (LocationId(ctx) == ctx.Features.Get<RequestContext>().LocationId) return true;
        await ApiResponses.Forbidden(ctx);
        return false;
    }
}
