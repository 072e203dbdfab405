using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>
/// What the contact sub-resources keep: notes, tasks, workflow and campaign enrolments, per contact id. One lock;
/// the contact itself lives in ContactStore.
/// </summary>
public sealed class ContactActivityStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ContactActivity> _byContact = new(StringComparer.Ordinal);
    private readonly SeededRandom _random;

    public ContactActivityStore(SeededRandom random) => _random = random;

    public JsonObject AddNote(string contactId, JsonObject body)
    {
        lock (_gate)
        {
            var note = new JsonObject
            {
                ["id"] = IdGenerator.NewId(_random),
                ["body"] = body["body"]?.DeepClone(),
                ["userId"] = body["userId"]?.DeepClone(),
                ["dateAdded"] = IsoTime.Format(IsoTime.NowMs()),
                ["contactId"] = contactId,
                ["title"] = body["title"]?.DeepClone(),
                ["color"] = body["color"]?.DeepClone(),
                ["pinned"] = body["pinned"]?.DeepClone() ?? false,
            };
            Of(contactId).Notes.Add(note);
            return (JsonObject)note.DeepClone();
        }
    }

    public JsonArray Notes(string contactId)
    {
        lock (_gate)
        {
            // Newest first, as HighLevel lists a contact's notes.
            return new JsonArray(Of(contactId).Notes.AsEnumerable().Reverse().Select(n => n.DeepClone()).ToArray());
        }
    }

    public JsonObject Note(string contactId, string id)
    {
        lock (_gate) return (JsonObject)Find(Of(contactId).Notes, id)?.DeepClone();
    }

    public JsonObject UpdateNote(string contactId, string id, JsonObject body)
    {
        lock (_gate)
        {
            var note = Find(Of(contactId).Notes, id);
            if (note == null) return null;
            foreach (var (name, value) in body) note[name] = value?.DeepClone();
            return (JsonObject)note.DeepClone();
        }
    }

    public bool DeleteNote(string contactId, string id)
    {
        lock (_gate)
        {
            var notes = Of(contactId).Notes;
            var note = Find(notes, id);
            return note != null && notes.Remove(note);
        }
    }

    public JsonObject AddTask(string contactId, JsonObject body)
    {
        lock (_gate)
        {
            var task = new JsonObject
            {
                ["id"] = IdGenerator.NewId(_random),
                ["title"] = body["title"]?.DeepClone(),
                ["body"] = body["body"]?.DeepClone(),
                ["assignedTo"] = body["assignedTo"]?.DeepClone(),
                ["dueDate"] = NormalizeDate(body["dueDate"]),
                ["completed"] = body["completed"]?.DeepClone() ?? false,
                ["contactId"] = contactId,
            };
            Of(contactId).Tasks.Add(task);
            return (JsonObject)task.DeepClone();
        }
    }

    public JsonArray Tasks(string contactId)
    {
        lock (_gate) return new JsonArray(Of(contactId).Tasks.Select(t => t.DeepClone()).ToArray());
    }

    public JsonObject Task(string contactId, string id)
    {
        lock (_gate) return (JsonObject)Find(Of(contactId).Tasks, id)?.DeepClone();
    }

    public JsonObject UpdateTask(string contactId, string id, JsonObject body)
    {
        lock (_gate)
        {
            var task = Find(Of(contactId).Tasks, id);
            if (task == null) return null;
            foreach (var (name, value) in body) task[name] = name == "dueDate" ? NormalizeDate(value) : value?.DeepClone();
            return (JsonObject)task.DeepClone();
        }
    }

    public bool DeleteTask(string contactId, string id)
    {
        lock (_gate)
        {
            var tasks = Of(contactId).Tasks;
            var task = Find(tasks, id);
            return task != null && tasks.Remove(task);
        }
    }

    /// <summary>Enrols the contact (again: a second enrolment replaces the first's start time).</summary>
    public void EnrolInWorkflow(string contactId, string workflowId, string eventStartTime)
    {
        lock (_gate)
        {
            Of(contactId).Workflows[workflowId] = new JsonObject
            {
                ["workflowId"] = workflowId,
                ["eventStartTime"] = eventStartTime,
                ["enrolledAt"] = IsoTime.Format(IsoTime.NowMs()),
            };
        }
    }

    public bool RemoveFromWorkflow(string contactId, string workflowId)
    {
        lock (_gate) return Of(contactId).Workflows.Remove(workflowId);
    }

    public void EnrolInCampaign(string contactId, string campaignId)
    {
        lock (_gate)
        {
            Of(contactId).Campaigns[campaignId] = new JsonObject
            {
                ["campaignId"] = campaignId,
                ["enrolledAt"] = IsoTime.Format(IsoTime.NowMs()),
            };
        }
    }

    public bool RemoveFromCampaign(string contactId, string campaignId)
    {
        lock (_gate) return Of(contactId).Campaigns.Remove(campaignId);
    }

    public int RemoveFromAllCampaigns(string contactId)
    {
        lock (_gate)
        {
            var campaigns = Of(contactId).Campaigns;
            var count = campaigns.Count;
            campaigns.Clear();
            return count;
        }
    }

    /// <summary>{notes, tasks, workflows, campaigns} of one contact, for the admin endpoint.</summary>
    public JsonObject Snapshot(string contactId)
    {
        lock (_gate)
        {
            var activity = Of(contactId);
            return new JsonObject
            {
                ["contactId"] = contactId,
                ["notes"] = new JsonArray(activity.Notes.Select(n => n.DeepClone()).ToArray()),
                ["tasks"] = new JsonArray(activity.Tasks.Select(t => t.DeepClone()).ToArray()),
                ["workflows"] = new JsonArray(activity.Workflows.Values.Select(w => w.DeepClone()).ToArray()),
                ["campaigns"] = new JsonArray(activity.Campaigns.Values.Select(c => c.DeepClone()).ToArray()),
            };
        }
    }

    public void Clear()
    {
        lock (_gate) _byContact.Clear();
    }

    private ContactActivity Of(string contactId)
    {
        if (!_byContact.TryGetValue(contactId, out var activity)) _byContact[contactId] = activity = new ContactActivity();
        return activity;
    }

    private static JsonObject Find(List<JsonObject> items, string id) =>
        items.FirstOrDefault(item => JsonKinds.AsString(item["id"]) == id);

    private static JsonNode NormalizeDate(JsonNode value) =>
        JsonKinds.AsString(value) is { } text && IsoTime.TryParse(text, out var utc) ? IsoTime.Format(utc) : value?.DeepClone();
}
