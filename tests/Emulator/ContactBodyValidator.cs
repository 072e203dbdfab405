using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>
/// Validates create, update and upsert bodies the way HighLevel's class-validator pipe does: every problem
/// is collected into the 422 message array.
/// </summary>
public static class ContactBodyValidator
{
    private static readonly string[] DndChannels = ["Call", "Email", "SMS", "WhatsApp", "GMB", "FB"];
    private static readonly string[] DndStatuses = ["active", "inactive", "permanent"];
    private static readonly string[] InboundDndStatuses = ["active", "inactive"];

    public static List<string> Validate(JsonObject body, ContactWriteMode mode)
    {
        var errors = new List<string>();
        var allowed = ContactFieldNames.AllowedProperties(mode);
        foreach (var (name, _) in body)
        {
            if (!allowed.Contains(name)) errors.Add($"property {name} should not exist");
        }

        if (mode != ContactWriteMode.Update) ValidateLocationId(body, errors);

        foreach (var field in ContactFieldNames.TextFields)
        {
            if (!allowed.Contains(field) || !body.TryGetPropertyValue(field, out var value)) continue;
            if (value is null)
            {
                if (!ContactFieldNames.IsNullable(field, mode)) errors.Add($"{field} must be a string");
                continue;
            }
            if (!JsonKinds.IsString(value))
            {
                errors.Add($"{field} must be a string");
                continue;
            }
            var text = value.GetValue<string>();
            if (field == "email" && !EmailSyntax.IsValid(text)) errors.Add("email must be an email");
            if (field == "country" && !CountryCodes.IsValid(text)) errors.Add("country must be a valid country code");
        }

        if (body.TryGetPropertyValue("dnd", out var dnd) && !JsonKinds.IsBool(dnd))
            errors.Add("dnd must be a boolean value");

        if (body.TryGetPropertyValue("dndSettings", out var dndSettings))
            ValidateChannels(dndSettings, "dndSettings", DndChannels, DndStatuses, allowCode: true, errors);

        if (body.TryGetPropertyValue("inboundDndSettings", out var inbound))
            ValidateChannels(inbound, "inboundDndSettings", ["all"], InboundDndStatuses, allowCode: false, errors);

        if (body.TryGetPropertyValue("tags", out var tags)) ValidateTags(tags, "tags", errors);

        if (body.TryGetPropertyValue("customFields", out var customFields)) ValidateCustomFields(customFields, errors);

        if (body.TryGetPropertyValue("dateOfBirth", out var dob) && dob is not null &&
            !(JsonKinds.IsString(dob) && DateOfBirthParser.TryParse(dob.GetValue<string>(), out _)))
        {
            errors.Add("dateOfBirth must be a valid date in one of the formats YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY, MM-DD-YYYY, YYYY.MM.DD, MM.DD.YYYY, YYYY_MM_DD, MM_DD_YYYY or an ISO 8601 date-time");
        }

        if (mode == ContactWriteMode.Upsert && body.TryGetPropertyValue("createNewIfDuplicateAllowed", out var createNew) &&
            !JsonKinds.IsBool(createNew))
        {
            errors.Add("createNewIfDuplicateAllowed must be a boolean value");
        }
        return errors;
    }

    public static void ValidateLocationId(JsonObject body, List<string> errors)
    {
        body.TryGetPropertyValue("locationId", out var location);
        if (location is null)
        {
            errors.Add("locationId should not be empty");
            errors.Add("locationId must be a string");
        }
        else if (!JsonKinds.IsString(location)) errors.Add("locationId must be a string");
        else if (string.IsNullOrWhiteSpace(location.GetValue<string>())) errors.Add("locationId should not be empty");
    }

    public static void ValidateTags(JsonNode tags, string name, List<string> errors)
    {
        if (tags is not JsonArray array) errors.Add($"{name} must be an array");
        else if (!array.All(JsonKinds.IsString)) errors.Add($"each value in {name} must be a string");
    }

    private static void ValidateChannels(JsonNode node, string name, string[] channels, string[] statuses,
        bool allowCode, List<string> errors)
    {
        if (node is not JsonObject settings)
        {
            errors.Add($"{name} must be an object");
            return;
        }
        foreach (var (channel, value) in settings)
        {
            if (!channels.Contains(channel))
            {
                errors.Add($"{name}.property {channel} should not exist");
                continue;
            }
            var path = $"{name}.{channel}";
            if (value is not JsonObject setting)
            {
                errors.Add($"{path} must be an object");
                continue;
            }
            foreach (var (property, _) in setting)
            {
                if (property is not ("status" or "message") && !(allowCode && property == "code"))
                    errors.Add($"{path}.property {property} should not exist");
            }
            var status = JsonKinds.AsString(setting["status"]);
            if (status == null || !statuses.Contains(status))
                errors.Add($"{path}.status must be one of the following values: {string.Join(", ", statuses)}");
            if (setting.TryGetPropertyValue("message", out var message) && !JsonKinds.IsString(message))
                errors.Add($"{path}.message must be a string");
            if (allowCode && setting.TryGetPropertyValue("code", out var code) && !JsonKinds.IsString(code))
                errors.Add($"{path}.code must be a string");
        }
    }

    private static void ValidateCustomFields(JsonNode node, List<string> errors)
    {
        if (node is not JsonArray fields)
        {
            errors.Add("customFields must be an array");
            return;
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var path = $"customFields.{i}";
            if (fields[i] is not JsonObject field)
            {
                errors.Add($"{path} must be an object");
                continue;
            }
            foreach (var (property, _) in field)
            {
                if (property is not ("id" or "key" or "field_value"))
                    errors.Add($"{path}.property {property} should not exist");
            }
            field.TryGetPropertyValue("id", out var id);
            field.TryGetPropertyValue("key", out var key);
            if (id is not null && !JsonKinds.IsString(id)) errors.Add($"{path}.id must be a string");
            if (key is not null && !JsonKinds.IsString(key)) errors.Add($"{path}.key must be a string");
            if (string.IsNullOrWhiteSpace(JsonKinds.AsString(id)) && string.IsNullOrWhiteSpace(JsonKinds.AsString(key)))
                errors.Add($"{path} must have an id or a key");

            if (!field.TryGetPropertyValue("field_value", out var value))
                errors.Add($"{path}.field_value should not be empty");
            else if (!(JsonKinds.IsString(value) || JsonKinds.IsNumber(value) || JsonKinds.IsStringArray(value)))
                errors.Add($"{path}.field_value must be a string, a number or an array of strings");
        }
    }
}
