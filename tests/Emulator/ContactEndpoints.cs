using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContactsEmulator;

/// <summary>The HighLevel Contacts API v2 endpoints. Auth, rate limits and faults ran already in the middleware.</summary>
public sealed class ContactEndpoints
{
    private const int MaxBulkContacts = 100;
    private const int MaxListLimit = 100;

    private readonly EmulatorRuntime _runtime;

    private ContactEndpoints(EmulatorRuntime runtime) => _runtime = runtime;

    private ContactStore Store => _runtime.Store;

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
    {
        var endpoints = new ContactEndpoints(runtime);
        // Routing treats a trailing slash as optional, so "/contacts" also answers "/contacts/".
        app.MapPost("/contacts", endpoints.CreateAsync);
        app.MapGet("/contacts", endpoints.ListAsync);
        app.MapPost("/contacts/upsert", endpoints.UpsertAsync);
        app.MapPost("/contacts/search", endpoints.SearchAsync);
        app.MapGet("/contacts/search/duplicate", endpoints.DuplicateAsync);
        app.MapPost("/contacts/bulk/tags/update/{type}", endpoints.BulkTagsAsync);
        app.MapGet("/contacts/{contactId}", endpoints.GetAsync);
        app.MapPut("/contacts/{contactId}", endpoints.UpdateAsync);
        app.MapDelete("/contacts/{contactId}", endpoints.DeleteAsync);
        app.MapPost("/contacts/{contactId}/tags", ctx => endpoints.TagsAsync(ctx, add: true));
        app.MapDelete("/contacts/{contactId}/tags", ctx => endpoints.TagsAsync(ctx, add: false));
    }

    private async Task CreateAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var body = await ReadObjectAsync(ctx, request);
        if (body == null || !await CheckBodyLocationAsync(ctx, request, body)) return;
        var errors = ContactBodyValidator.Validate(body, ContactWriteMode.Create);
        if (errors.Count == 0) Store.ValidateCustomFields(request.LocationId, body, errors);
        if (errors.Count > 0)
        {
            await ApiResponses.Validation(ctx, errors);
            return;
        }

        var config = _runtime.Config;
        if (await SlowStoreAsync(request, config)) return;
        var result = Store.Create(request.LocationId, body, config.AllowDuplicates, config.DuplicateMatchOrder);
        if (result.Outcome == StoreOutcome.Duplicate)
        {
            await ApiResponses.Duplicate(ctx, result.Duplicate, request.TraceId);
            return;
        }
        if (await AfterStoreFaultAsync(ctx, request, config)) return;
        if (ctx.RequestAborted.IsCancellationRequested)
        {
            request.Dropped = true; // stored after the client gave up
            return;
        }
        await ApiResponses.Json(ctx, 201, new JsonObject { ["contact"] = result.Contact });
    }

    private async Task GetAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var result = Store.Get(ContactId(ctx), request.LocationId);
        if (await WriteFailureAsync(ctx, request, result)) return;
        await ApiResponses.Json(ctx, 200, new JsonObject { ["contact"] = result.Contact });
    }

    private async Task UpdateAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var body = await ReadObjectAsync(ctx, request);
        if (body == null) return;
        var errors = ContactBodyValidator.Validate(body, ContactWriteMode.Update);
        if (errors.Count == 0) Store.ValidateCustomFields(request.LocationId, body, errors);
        if (errors.Count > 0)
        {
            await ApiResponses.Validation(ctx, errors);
            return;
        }
        var config = _runtime.Config;
        var result = Store.Update(ContactId(ctx), request.LocationId, body, config.AllowDuplicates, config.DuplicateMatchOrder);
        if (await WriteFailureAsync(ctx, request, result)) return;
        await ApiResponses.Json(ctx, 200, new JsonObject { ["succeded"] = true, ["contact"] = result.Contact });
    }

    private async Task DeleteAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var result = Store.Delete(ContactId(ctx), request.LocationId);
        if (await WriteFailureAsync(ctx, request, result)) return;
        await ApiResponses.Json(ctx, 200, new JsonObject { ["succeded"] = true });
    }

    private async Task UpsertAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var body = await ReadObjectAsync(ctx, request);
        if (body == null || !await CheckBodyLocationAsync(ctx, request, body)) return;
        var errors = ContactBodyValidator.Validate(body, ContactWriteMode.Upsert);
        if (errors.Count == 0) Store.ValidateCustomFields(request.LocationId, body, errors);
        if (errors.Count > 0)
        {
            await ApiResponses.Validation(ctx, errors);
            return;
        }
        var config = _runtime.Config;
        var createNew = JsonKinds.IsBool(body["createNewIfDuplicateAllowed"]) && body["createNewIfDuplicateAllowed"]!.GetValue<bool>();
        if (await SlowStoreAsync(request, config)) return;
        var result = Store.Upsert(request.LocationId, body, config.AllowDuplicates, createNew, config.DuplicateMatchOrder);
        if (await AfterStoreFaultAsync(ctx, request, config)) return;
        await ApiResponses.Json(ctx, 200, new JsonObject
        {
            ["new"] = result.Created,
            ["contact"] = result.Contact,
            ["traceId"] = request.TraceId,
        });
    }

    private async Task SearchAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var body = await ReadObjectAsync(ctx, request);
        if (body == null || !await CheckBodyLocationAsync(ctx, request, body)) return;
        var parsed = SearchRequestParser.Parse(body);
        if (parsed.ValidationErrors.Count > 0)
        {
            await ApiResponses.Validation(ctx, parsed.ValidationErrors);
            return;
        }
        if (parsed.BadRequest != null)
        {
            await ApiResponses.BadRequest(ctx, parsed.BadRequest, request.TraceId);
            return;
        }

        var search = parsed.Request;
        var ceiling = _runtime.Config.SearchPagingCeiling;
        if (search.SearchAfter == null && (long)search.Page * search.PageLimit > ceiling)
        {
            await ApiResponses.BadRequest(ctx,
                $"page * pageLimit must not exceed {ceiling}: page-based pagination is limited to the first {ceiling} records. Use searchAfter to paginate beyond that.",
                request.TraceId);
            return;
        }

        var (contacts, total) = ContactSearchEngine.Search(Store, search, _runtime.Config.SearchLagMs);
        await ApiResponses.Json(ctx, 200, new JsonObject { ["contacts"] = contacts, ["total"] = total, ["traceId"] = request.TraceId });
    }

    private async Task DuplicateAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var query = ctx.Request.Query;
        var locationId = query["locationId"].ToString();
        if (string.IsNullOrWhiteSpace(locationId))
        {
            await ApiResponses.Validation(ctx, ["locationId should not be empty", "locationId must be a string"]);
            return;
        }
        if (locationId != request.LocationId)
        {
            await ApiResponses.Forbidden(ctx);
            return;
        }
        var email = query["email"].ToString();
        var number = query["number"].ToString();
        // An unencoded "+" in a query string decodes to a space; HighLevel asks for %2B, but keep the intent.
        if (number.StartsWith(' ')) number = "+" + number.TrimStart();
        var contact = Store.FindDuplicate(locationId, email, number, _runtime.Config.DuplicateMatchOrder, _runtime.Config.SearchLagMs);
        await ApiResponses.Json(ctx, 200, new JsonObject { ["contact"] = contact });
    }

    private async Task TagsAsync(HttpContext ctx, bool add)
    {
        var request = Request(ctx);
        var body = await ReadObjectAsync(ctx, request);
        if (body == null) return;
        var errors = new List<string>();
        foreach (var (name, _) in body)
        {
            if (name != "tags") errors.Add($"property {name} should not exist");
        }
        if (body["tags"] is null) errors.Add("tags should not be empty");
        ContactBodyValidator.ValidateTags(body["tags"], "tags", errors);
        if (errors.Count > 0)
        {
            await ApiResponses.Validation(ctx, errors.Distinct());
            return;
        }
        var tags = body["tags"]!.AsArray().Select(t => t.GetValue<string>());
        var result = Store.ChangeTags(ContactId(ctx), request.LocationId, tags, add);
        if (await WriteFailureAsync(ctx, request, result)) return;
        await ApiResponses.Json(ctx, add ? 201 : 200, new JsonObject { ["tags"] = result.Tags });
    }

    private async Task BulkTagsAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var type = ctx.Request.RouteValues["type"]?.ToString();
        var body = await ReadObjectAsync(ctx, request);
        if (body == null || !await CheckBodyLocationAsync(ctx, request, body)) return;

        var errors = new List<string>();
        if (type is not ("add" or "remove")) errors.Add("type must be one of the following values: add, remove");
        foreach (var (name, _) in body)
        {
            if (name is not ("contacts" or "tags" or "locationId" or "removeAllTags")) errors.Add($"property {name} should not exist");
        }
        ContactBodyValidator.ValidateLocationId(body, errors);

        var contacts = body["contacts"];
        if (contacts is not JsonArray contactArray) errors.Add("contacts must be an array");
        else if (!contactArray.All(JsonKinds.IsString)) errors.Add("each value in contacts must be a string");
        else if (contactArray.Count == 0) errors.Add("contacts should not be empty");
        else if (contactArray.Count > MaxBulkContacts) errors.Add($"contacts must contain no more than {MaxBulkContacts} elements");

        var removeAll = false;
        if (body.TryGetPropertyValue("removeAllTags", out var removeAllNode) && removeAllNode is not null)
        {
            if (!JsonKinds.IsBool(removeAllNode)) errors.Add("removeAllTags must be a boolean value");
            else removeAll = removeAllNode.GetValue<bool>();
            if (removeAll && type == "add") errors.Add("removeAllTags can only be used with the remove type");
        }
        if (!(removeAll && body["tags"] is null)) ContactBodyValidator.ValidateTags(body["tags"], "tags", errors);

        if (errors.Count > 0)
        {
            await ApiResponses.Validation(ctx, errors);
            return;
        }

        var ids = contacts!.AsArray().Select(c => c.GetValue<string>());
        var tags = body["tags"] is JsonArray tagArray ? tagArray.Select(t => t.GetValue<string>()) : [];
        var responses = Store.BulkTags(request.LocationId, ids, tags, type == "add", removeAll, out var errorCount);
        await ApiResponses.Json(ctx, 201, new JsonObject
        {
            ["succeded"] = true,
            ["errorCount"] = errorCount,
            ["responses"] = responses,
        });
    }

    private async Task ListAsync(HttpContext ctx)
    {
        var request = Request(ctx);
        var query = ctx.Request.Query;
        var errors = new List<string>();
        var locationId = query["locationId"].ToString();
        if (string.IsNullOrWhiteSpace(locationId))
        {
            errors.Add("locationId should not be empty");
            errors.Add("locationId must be a string");
        }
        var limit = 20;
        if (query.ContainsKey("limit"))
        {
            if (!int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
                errors.Add("limit must be a number conforming to the specified constraints");
            else if (limit < 1) errors.Add("limit must not be less than 1");
            else if (limit > MaxListLimit) errors.Add($"limit must not be greater than {MaxListLimit}");
        }
        long? startAfter = null;
        if (query.ContainsKey("startAfter"))
        {
            if (long.TryParse(query["startAfter"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var after)) startAfter = after;
            else errors.Add("startAfter must be a number conforming to the specified constraints");
        }
        if (errors.Count > 0)
        {
            await ApiResponses.Validation(ctx, errors);
            return;
        }
        if (locationId != request.LocationId)
        {
            await ApiResponses.Forbidden(ctx);
            return;
        }

        var startAfterId = query.ContainsKey("startAfterId") ? query["startAfterId"].ToString() : null;
        var (contacts, total, last, more) = ContactSearchEngine.List(Store, locationId, query["query"].ToString(), limit, startAfter, startAfterId);
        var meta = new JsonObject { ["total"] = total, ["nextPageUrl"] = null, ["startAfterId"] = null, ["startAfter"] = null };
        if (last != null)
        {
            var lastMs = IsoTime.ToEpochMs(last.DateAdded);
            meta["startAfterId"] = last.Id;
            meta["startAfter"] = lastMs;
            if (more)
            {
                var publicBase = _runtime.Config.PublicBaseUri?.TrimEnd('/') ?? $"{ctx.Request.Scheme}://{ctx.Request.Host}";
                meta["nextPageUrl"] =
                    $"{publicBase}/contacts/?locationId={Uri.EscapeDataString(locationId)}&startAfter={lastMs}&startAfterId={last.Id}&limit={limit}";
            }
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["contacts"] = contacts, ["count"] = total, ["meta"] = meta });
    }

    private static RequestContext Request(HttpContext ctx) => ctx.Features.Get<RequestContext>();

    private static string ContactId(HttpContext ctx) => ctx.Request.RouteValues["contactId"]?.ToString();

    internal static async Task<JsonObject> ReadObjectAsync(HttpContext ctx, RequestContext request)
    {
        if (string.IsNullOrWhiteSpace(request.RawBody)) return new JsonObject();
        JsonNode node;
        try
        {
            node = JsonNode.Parse(request.RawBody);
            if (node is JsonObject obj) _ = obj.Count; // surfaces duplicate property names now, not later
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            await ApiResponses.BadRequest(ctx, $"Unexpected token in JSON body: {ex.Message}", request.TraceId);
            return null;
        }
        if (node is JsonObject body) return body;
        await ApiResponses.BadRequest(ctx, "Request body must be a JSON object", request.TraceId);
        return null;
    }

    /// <summary>403 when the body names a location the token has no access to (checked before validation, like HighLevel's guard).</summary>
    private static async Task<bool> CheckBodyLocationAsync(HttpContext ctx, RequestContext request, JsonObject body)
    {
        var locationId = JsonKinds.AsString(body["locationId"]);
        if (string.IsNullOrWhiteSpace(locationId) || locationId == request.LocationId) return true;
        await ApiResponses.Forbidden(ctx);
        return false;
    }

    private static async Task<bool> WriteFailureAsync(HttpContext ctx, RequestContext request, StoreResult result)
    {
        switch (result.Outcome)
        {
            case StoreOutcome.NotFound:
                await ApiResponses.ContactNotFound(ctx, request.TraceId);
                return true;
            case StoreOutcome.Forbidden:
                await ApiResponses.Forbidden(ctx);
                return true;
            case StoreOutcome.Duplicate:
                await ApiResponses.Duplicate(ctx, result.Duplicate, request.TraceId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The slow-store fault: waits slowStoreMs before storing, without looking at the client (the store happens even
    /// after it gave up). True when the request then has nobody to answer: the contact is still stored by the caller.
    /// </summary>
    private async Task<bool> SlowStoreAsync(RequestContext request, EmulatorConfig config)
    {
        if (!request.Faultable || config.SlowStoreMs <= 0 || !_runtime.Faults.Roll(config.SlowStoreRate)) return false;
        request.Fault = "slowStore";
        await Task.Delay(config.SlowStoreMs);
        return false;
    }

    /// <summary>Faults that happen after the contact is stored: a dropped connection or a 5xx. True when one was injected.</summary>
    private async Task<bool> AfterStoreFaultAsync(HttpContext ctx, RequestContext request, EmulatorConfig config)
    {
        if (!request.Faultable) return false;
        if (_runtime.Faults.Roll(config.DropAfterStoreRate))
        {
            request.Fault = "drop";
            request.Dropped = true;
            ctx.Abort();
            return true;
        }
        if (_runtime.Faults.Roll(config.ErrorAfterStoreRate))
        {
            request.Fault = "errorAfterStore";
            await ApiResponses.ServerError(ctx, _runtime.Faults.PickStatus(502, 503, 504), _runtime.Faults.PickHtml());
            return true;
        }
        return false;
    }
}
