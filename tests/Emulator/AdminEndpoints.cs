using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace ContactsEmulator;

/// <summary>Test-control endpoints under /__emulator: no auth, never rate limited, faulted or logged.</summary>
public static class AdminEndpoints
{
    public const string Prefix = "/__emulator";

    public static bool IsAdminPath(string path) =>
        path.Equals(Prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase);

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime, IHostApplicationLifetime lifetime)
    {
        app.MapGet(Prefix + "/health", ctx => ApiResponses.Json(ctx, 200, new JsonObject { ["ok"] = true }));

        app.MapGet(Prefix + "/contacts", ctx =>
        {
            var locationId = ctx.Request.Query["locationId"].ToString();
            return ApiResponses.Json(ctx, 200, runtime.Store.All(string.IsNullOrEmpty(locationId) ? null : locationId));
        });

        app.MapPost(Prefix + "/contacts", async ctx =>
        {
            var node = await ReadJsonAsync(ctx);
            if (node is not JsonArray items)
            {
                await AdminError(ctx, "body must be a JSON array of contact bodies");
                return;
            }
            var bodies = new List<JsonObject>();
            var errors = new List<string>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item)
                {
                    errors.Add($"[{i}] must be an object");
                    continue;
                }
                // Seeding may set id and dates; everything else must be a valid create body.
                var check = item.DeepClone().AsObject();
                check.Remove("id");
                check.Remove("dateAdded");
                check.Remove("dateUpdated");
                errors.AddRange(ContactBodyValidator.Validate(check, ContactWriteMode.Create).Select(e => $"[{i}] {e}"));
                bodies.Add(item);
            }
            if (errors.Count > 0)
            {
                await ApiResponses.Json(ctx, 400, new JsonObject { ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()) });
                return;
            }
            var count = runtime.Store.Seed(bodies);
            await ApiResponses.Json(ctx, 200, new JsonObject { ["count"] = count });
        });

        app.MapGet(Prefix + "/stats", ctx =>
        {
            var locationId = ctx.Request.Query["locationId"].ToString();
            var stats = runtime.Log.Stats();
            foreach (var (name, value) in runtime.Store.Stats(string.IsNullOrEmpty(locationId) ? null : locationId).ToList())
                stats[name] = value?.DeepClone();
            return ApiResponses.Json(ctx, 200, stats);
        });

        app.MapGet(Prefix + "/customFields", ctx =>
            ApiResponses.Json(ctx, 200, runtime.Store.CustomFields(ctx.Request.Query["locationId"].ToString())));

        app.MapPost(Prefix + "/customFields", async ctx =>
        {
            if (await ReadJsonAsync(ctx) is not JsonObject body || JsonKinds.AsString(body["locationId"]) is not { Length: > 0 } locationId ||
                body["fields"] is not JsonArray fields)
            {
                await AdminError(ctx, "body must be {locationId, fields: [{name, dataType, fieldKey?, id?, placeholder?, position?, picklistOptions?, isAllowedCustomOption?, model?}]}");
                return;
            }
            var errors = runtime.Store.SeedCustomFields(locationId, fields);
            if (errors.Count > 0)
            {
                await ApiResponses.Json(ctx, 400, new JsonObject { ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()) });
                return;
            }
            await ApiResponses.Json(ctx, 200, new JsonObject
            {
                ["customFields"] = new JsonArray(runtime.Store.CustomFieldSchema(locationId).Select(f => (JsonNode)f.ToJson()).ToArray()),
            });
        });

        app.MapPost(Prefix + "/reset", ctx =>
        {
            runtime.Reset();
            return ApiResponses.Json(ctx, 200, new JsonObject { ["reset"] = true });
        });

        app.MapGet(Prefix + "/requests", ctx =>
        {
            long.TryParse(ctx.Request.Query["sinceSeq"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var since);
            return ApiResponses.Json(ctx, 200, runtime.Log.ToJson(since));
        });

        app.MapDelete(Prefix + "/requests", ctx =>
            ApiResponses.Json(ctx, 200, new JsonObject { ["cleared"] = runtime.Log.Clear(resetSequence: false) }));

        app.MapPost(Prefix + "/oauth/expireAccessTokens", ctx =>
            ApiResponses.Json(ctx, 200, new JsonObject { ["expired"] = runtime.OAuth.ExpireAccessTokens() }));

        app.MapGet(Prefix + "/config", ctx => ApiResponses.Json(ctx, 200, runtime.Config.ToJson()));

        app.MapPut(Prefix + "/config", async ctx =>
        {
            if (await ReadJsonAsync(ctx) is not JsonObject patch)
            {
                await AdminError(ctx, "body must be a JSON object of config keys");
                return;
            }
            var errors = runtime.ApplyConfig(patch);
            if (errors.Count > 0)
            {
                await ApiResponses.Json(ctx, 400, new JsonObject { ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()) });
                return;
            }
            await ApiResponses.Json(ctx, 200, runtime.Config.ToJson());
        });

        app.MapPost(Prefix + "/shutdown", ctx =>
        {
            ctx.Response.OnCompleted(() =>
            {
                lifetime.StopApplication();
                return Task.CompletedTask;
            });
            return ApiResponses.Json(ctx, 200, new JsonObject { ["shuttingDown"] = true });
        });
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Task AdminError(HttpContext ctx, string message) =>
        ApiResponses.Json(ctx, 400, new JsonObject { ["errors"] = new JsonArray(message) });
}
