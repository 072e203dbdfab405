using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>One contact's notes, tasks and enrolments (guarded by ContactActivityStore's lock).</summary>
public sealed class ContactActivity
{
    public List<JsonObject> Notes { get; } = [];
    public List<JsonObject> Tasks { get; } = [];
    public Dictionary<string, JsonObject> Workflows { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> Campaigns { get; } = new(StringComparer.Ordinal);
}
