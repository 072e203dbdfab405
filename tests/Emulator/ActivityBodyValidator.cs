using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>
/// class-validator checks of the note, task, workflow and campaign bodies of highlevel-contacts-openapi.json
/// (NotesDTO, UpdateNoteDTO, CreateTaskParams, UpdateTaskBody, UpdateTaskStatusParams, CreateWorkflowDto,
/// AddContactToCampaignDto): every problem listed.
/// </summary>
public static class ActivityBodyValidator
{
    private static readonly string[] NoteFields = ["userId", "body", "title", "color", "pinned"];
    private static readonly string[] TaskFields = ["title", "body", "dueDate", "completed", "assignedTo"];

    public static List<string> Note(JsonObject body, bool create)
    {
        var errors = Unknown(body, NoteFields);
        if (create) Required(body, "body", errors);
        foreach (var name in new[] { "userId", "body", "title", "color" }) StringField(body, name, errors);
        BoolField(body, "pinned", errors);
        return errors;
    }

    public static List<string> Task(JsonObject body, bool create)
    {
        var errors = Unknown(body, TaskFields);
        if (create)
        {
            Required(body, "title", errors);
            Required(body, "dueDate", errors);
            Required(body, "completed", errors);
        }
        foreach (var name in new[] { "title", "body", "assignedTo" }) StringField(body, name, errors);
        DateField(body, "dueDate", errors);
        BoolField(body, "completed", errors);
        return errors;
    }

    public static List<string> TaskCompleted(JsonObject body)
    {
        var errors = Unknown(body, ["completed"]);
        Required(body, "completed", errors);
        BoolField(body, "completed", errors);
        return errors;
    }

    public static List<string> Workflow(JsonObject body)
    {
        var errors = Unknown(body, ["eventStartTime"]);
        DateField(body, "eventStartTime", errors);
        return errors;
    }

    public static List<string> Campaign(JsonObject body) => Unknown(body, []);

    private static List<string> Unknown(JsonObject body, string[] allowed) =>
        body.Where(p => !allowed.Contains(p.Key)).Select(p => $"property {p.Key} should not exist").ToList();

    private static void Required(JsonObject body, string name, List<string> errors)
    {
        if (body[name] is null || (JsonKinds.IsString(body[name]) && body[name]!.GetValue<string>().Length == 0))
            errors.Add($"{name} should not be empty");
    }

    private static void StringField(JsonObject body, string name, List<string> errors)
    {
        if (body.ContainsKey(name) && body[name] is not null && !JsonKinds.IsString(body[name])) errors.Add($"{name} must be a string");
    }

    private static void BoolField(JsonObject body, string name, List<string> errors)
    {
        if (body.ContainsKey(name) && body[name] is not null && !JsonKinds.IsBool(body[name])) errors.Add($"{name} must be a boolean value");
    }

    private static void DateField(JsonObject body, string name, List<string> errors)
    {
        if (!body.ContainsKey(name) || body[name] is null) return;
        if (JsonKinds.AsString(body[name]) is not { } text || !IsoTime.TryParse(text, out _))
            errors.Add($"{name} must be a valid ISO 8601 date string");
    }
}
