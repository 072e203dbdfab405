using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContactsEmulator;

/// <summary>
/// A contact's notes, tasks, workflow and campaign enrolments (highlevel-contacts-openapi.json): state kept per
/// contact, bodies validated (422 with every problem), 404 for a contact or item that does not exist.
/// </summary>
public sealed class ContactActivityEndpoints
{
    private readonly EmulatorRuntime _runtime;

    private ContactActivityEndpoints(EmulatorRuntime runtime) => _runtime = runtime;

    private ContactActivityStore Activity => _runtime.Activity;

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
    {
        var e = new ContactActivityEndpoints(runtime);
        app.MapGet("/contacts/{contactId}/notes", e.ListNotesAsync);
        app.MapPost("/contacts/{contactId}/notes", e.CreateNoteAsync);
        app.MapGet("/contacts/{contactId}/notes/{id}", e.GetNoteAsync);
        app.MapPut("/contacts/{contactId}/notes/{id}", e.UpdateNoteAsync);
        app.MapDelete("/contacts/{contactId}/notes/{id}", e.DeleteNoteAsync);

        app.MapGet("/contacts/{contactId}/tasks", e.ListTasksAsync);
        app.MapPost("/contacts/{contactId}/tasks", e.CreateTaskAsync);
        app.MapGet("/contacts/{contactId}/tasks/{taskId}", e.GetTaskAsync);
        app.MapPut("/contacts/{contactId}/tasks/{taskId}", e.UpdateTaskAsync);
        app.MapPut("/contacts/{contactId}/tasks/{taskId}/completed", e.CompleteTaskAsync);
        app.MapDelete("/contacts/{contactId}/tasks/{taskId}", e.DeleteTaskAsync);

        app.MapPost("/contacts/{contactId}/workflow/{workflowId}", ctx => e.WorkflowAsync(ctx, enrol: true));
        app.MapDelete("/contacts/{contactId}/workflow/{workflowId}", ctx => e.WorkflowAsync(ctx, enrol: false));

        app.MapPost("/contacts/{contactId}/campaigns/{campaignId}", ctx => e.CampaignAsync(ctx, enrol: true));
        app.MapDelete("/contacts/{contactId}/campaigns/removeAll", e.RemoveAllCampaignsAsync);
        app.MapDelete("/contacts/{contactId}/campaigns/{campaignId}", ctx => e.CampaignAsync(ctx, enrol: false));

        // Test control: what a contact has (the API has no call that lists enrolments).
        app.MapGet(AdminEndpoints.Prefix + "/contacts/{contactId}/activity", ctx =>
            ApiResponses.Json(ctx, 200, runtime.Activity.Snapshot(Route(ctx, "contactId"))));
    }

    private async Task ListNotesAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        await ApiResponses.Json(ctx, 200, new JsonObject { ["notes"] = Activity.Notes(contactId) });
    }

    private async Task CreateNoteAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, body => ActivityBodyValidator.Note(body, create: true)) is not { } body) return;
        await ApiResponses.Json(ctx, 201, new JsonObject { ["note"] = Activity.AddNote(contactId, body) });
    }

    private async Task GetNoteAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        var note = Activity.Note(contactId, Route(ctx, "id"));
        if (note == null)
        {
            await NotFound(ctx, "Note not found");
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["note"] = note });
    }

    private async Task UpdateNoteAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, body => ActivityBodyValidator.Note(body, create: false)) is not { } body) return;
        var note = Activity.UpdateNote(contactId, Route(ctx, "id"), body);
        if (note == null)
        {
            await NotFound(ctx, "Note not found");
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["note"] = note });
    }

    private async Task DeleteNoteAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (!Activity.DeleteNote(contactId, Route(ctx, "id")))
        {
            await NotFound(ctx, "Note not found");
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["succeded"] = true });
    }

    private async Task ListTasksAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        await ApiResponses.Json(ctx, 200, new JsonObject { ["tasks"] = Activity.Tasks(contactId) });
    }

    private async Task CreateTaskAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, body => ActivityBodyValidator.Task(body, create: true)) is not { } body) return;
        await ApiResponses.Json(ctx, 201, new JsonObject { ["task"] = Activity.AddTask(contactId, body) });
    }

    private async Task GetTaskAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        var task = Activity.Task(contactId, Route(ctx, "taskId"));
        if (task == null)
        {
            await NotFound(ctx, "Task not found");
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["task"] = task });
    }

    private async Task UpdateTaskAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, body => ActivityBodyValidator.Task(body, create: false)) is not { } body) return;
        await WriteTaskAsync(ctx, Activity.UpdateTask(contactId, Route(ctx, "taskId"), body));
    }

    private async Task CompleteTaskAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, ActivityBodyValidator.TaskCompleted) is not { } body) return;
        await WriteTaskAsync(ctx, Activity.UpdateTask(contactId, Route(ctx, "taskId"), body));
    }

    private static async Task WriteTaskAsync(HttpContext ctx, JsonObject task)
    {
        if (task == null)
        {
            await NotFound(ctx, "Task not found");
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["task"] = task });
    }

    private async Task DeleteTaskAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (!Activity.DeleteTask(contactId, Route(ctx, "taskId")))
        {
            await NotFound(ctx, "Task not found");
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["succeded"] = true });
    }

    private async Task WorkflowAsync(HttpContext ctx, bool enrol)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, ActivityBodyValidator.Workflow) is not { } body) return;
        var workflowId = Route(ctx, "workflowId");
        if (enrol) Activity.EnrolInWorkflow(contactId, workflowId, JsonKinds.AsString(body["eventStartTime"]));
        else if (!Activity.RemoveFromWorkflow(contactId, workflowId))
        {
            await NotFound(ctx, "Contact is not in workflow " + workflowId);
            return;
        }
        await ApiResponses.Json(ctx, 200, new JsonObject { ["succeded"] = true });
    }

    private async Task CampaignAsync(HttpContext ctx, bool enrol)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        if (await BodyAsync(ctx, ActivityBodyValidator.Campaign) is null) return;
        var campaignId = Route(ctx, "campaignId");
        if (enrol) Activity.EnrolInCampaign(contactId, campaignId);
        else if (!Activity.RemoveFromCampaign(contactId, campaignId))
        {
            await NotFound(ctx, "Contact is not in campaign " + campaignId);
            return;
        }
        await ApiResponses.Json(ctx, enrol ? 201 : 200, new JsonObject { ["succeded"] = true });
    }

    private async Task RemoveAllCampaignsAsync(HttpContext ctx)
    {
        if (await ContactAsync(ctx) is not { } contactId) return;
        Activity.RemoveFromAllCampaigns(contactId);
        await ApiResponses.Json(ctx, 200, new JsonObject { ["succeded"] = true });
    }

    /// <summary>The route's contact id when the contact exists in the token's location; otherwise answers 404 or 403 and gives null.</summary>
    private async Task<string> ContactAsync(HttpContext ctx)
    {
        var request = ctx.Features.Get<RequestContext>();
        var contactId = Route(ctx, "contactId");
        var found = _runtime.Store.Get(contactId, request.LocationId);
        switch (found.Outcome)
        {
            case StoreOutcome.Ok:
                return contactId;
            case StoreOutcome.Forbidden:
                await ApiResponses.Forbidden(ctx);
                return null;
            default:
                await NotFound(ctx, "Contact not found");
                return null;
        }
    }

    /// <summary>The JSON object body when it passes <paramref name="validate"/>; otherwise answers 400 or 422 and gives null.</summary>
    private static async Task<JsonObject> BodyAsync(HttpContext ctx, Func<JsonObject, List<string>> validate)
    {
        var request = ctx.Features.Get<RequestContext>();
        var body = await ContactEndpoints.ReadObjectAsync(ctx, request);
        if (body == null) return null;
        var errors = validate(body);
        if (errors.Count == 0) return body;
        await ApiResponses.Validation(ctx, errors);
        return null;
    }

    private static Task NotFound(HttpContext ctx, string message) =>
        ApiResponses.Error(ctx, 404, message, "Not Found", ctx.Features.Get<RequestContext>().TraceId);

    private static string Route(HttpContext ctx, string name) => ctx.Request.RouteValues[name]?.ToString();
}
