using System.Globalization;
using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>
/// Checks a write's customFields against a seeded location schema, in class-validator wording: the field must
/// exist (by id, or by key with or without "contact."), and the value must suit its dataType and options.
/// Runs after <see cref="ContactBodyValidator"/> has checked the shape of each item.
/// </summary>
public static class CustomFieldValueValidator
{
    public static void Validate(CustomFieldRegistry registry, string locationId, JsonNode customFields, List<string> errors)
    {
        if (!registry.IsSeeded(locationId) || customFields is not JsonArray items) return;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item) continue;
            var path = $"customFields.{i}";
            var id = JsonKinds.AsString(item["id"]);
            var key = JsonKinds.AsString(item["key"]);
            CustomFieldDefinition field;
            if (!string.IsNullOrWhiteSpace(id))
            {
                field = registry.Fields(locationId).FirstOrDefault(f => f.Id == id);
                if (field == null)
                {
                    errors.Add($"{path}.id {id} is not a custom field of this location");
                    continue;
                }
            }
            else
            {
                field = registry.Find(locationId, key);
                if (field == null)
                {
                    errors.Add($"{path}.key {key} is not a custom field of this location");
                    continue;
                }
            }
            if (field.Model != "contact")
            {
                errors.Add($"{path} {field.FieldKey} is not a contact custom field");
                continue;
            }
            if (item.TryGetPropertyValue("field_value", out var value)) ValidateValue(field, value, path + ".field_value", errors);
        }
    }

    private static void ValidateValue(CustomFieldDefinition field, JsonNode value, string path, List<string> errors)
    {
        switch (field.DataType)
        {
            case "NUMERICAL":
            case "MONETORY":
                if (!(JsonKinds.IsNumber(value) ||
                      JsonKinds.AsString(value) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    errors.Add($"{path} must be a number conforming to the specified constraints");
                }
                break;
            case "DATE":
                if (!(JsonKinds.IsNumber(value) || JsonKinds.AsString(value) is { } date && IsDate(date)))
                    errors.Add($"{path} must be a valid ISO 8601 date string");
                break;
            case "SINGLE_OPTIONS":
            case "RADIO":
                if (JsonKinds.AsString(value) is not { } option) errors.Add($"{path} must be a string");
                else CheckOptions(field, [option], path, errors);
                break;
            case "CHECKBOX":
            case "MULTIPLE_OPTIONS":
                var chosen = JsonKinds.IsStringArray(value) ? value!.AsArray().Select(v => v!.GetValue<string>()).ToList()
                    : JsonKinds.AsString(value) is { } single ? [single] : null;
                if (chosen == null) errors.Add($"{path} must be an array of strings");
                else CheckOptions(field, chosen, path, errors);
                break;
            case "FILE_UPLOAD":
                errors.Add($"{path} cannot set the FILE_UPLOAD field {field.FieldKey}: upload files with POST /locations/{{locationId}}/customFields/upload");
                break;
            default:
                if (!(JsonKinds.IsString(value) || field.DataType == "TEXTBOX_LIST" && JsonKinds.IsStringArray(value)))
                    errors.Add($"{path} must be a string");
                break;
        }
    }

    private static void CheckOptions(CustomFieldDefinition field, IEnumerable<string> chosen, string path, List<string> errors)
    {
        if (field.IsAllowedCustomOption) return;
        foreach (var option in chosen)
        {
            if (!field.PicklistOptions.Contains(option, StringComparer.Ordinal))
            {
                errors.Add($"{path} must be one of the following values: {string.Join(", ", field.PicklistOptions)}");
                return;
            }
        }
    }

    private static bool IsDate(string text) =>
        DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffK", "yyyy-MM-ddTHH:mm:ssK"],
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
}
