using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>Copies the given properties of a validated body onto a record; absent properties stay as they are.</summary>
public static class ContactBodyApplier
{
    /// <param name="skipFields">Body properties to leave alone (upsert ignores a field that would duplicate another contact).</param>
    public static void Apply(ContactRecord record, JsonObject body, CustomFieldRegistry registry, ISet<string> skipFields = null)
    {
        foreach (var field in ContactFieldNames.TextFields)
        {
            if (skipFields?.Contains(field) == true || !body.TryGetPropertyValue(field, out var value)) continue;
            var text = JsonKinds.AsString(value);
            if (field == "phone") text = PhoneNormalizer.Normalize(text);
            if (text == null) record.Text.Remove(field);
            else record.Text[field] = text;
        }

        if (body.TryGetPropertyValue("dnd", out var dnd) && JsonKinds.IsBool(dnd)) record.Dnd = dnd.GetValue<bool>();

        if (body["dndSettings"] is JsonObject dndSettings)
        {
            // Channels are merged: a body that names only SMS leaves the other channels as they were.
            record.DndSettings ??= new JsonObject();
            foreach (var (channel, setting) in dndSettings) record.DndSettings[channel] = setting?.DeepClone();
        }

        if (body["inboundDndSettings"] is JsonObject inbound) record.InboundDndSettings = inbound.DeepClone().AsObject();

        if (body["tags"] is JsonArray tags) record.Tags = TagNormalizer.NormalizeAll(tags.Select(t => t.GetValue<string>()));

        if (body["customFields"] is JsonArray customFields)
        {
            foreach (var item in customFields.OfType<JsonObject>())
            {
                var id = JsonKinds.AsString(item["id"]);
                if (string.IsNullOrWhiteSpace(id)) id = registry.ResolveKey(record.LocationId, JsonKinds.AsString(item["key"]));
                record.CustomFields[id] = item["field_value"]?.DeepClone();
            }
        }

        if (body.TryGetPropertyValue("dateOfBirth", out var dob))
        {
            record.DateOfBirth = JsonKinds.AsString(dob) is { } text && DateOfBirthParser.TryParse(text, out var date)
                ? date
                : null;
        }
    }
}
