using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>One custom field of a location, in the shape of the locations API's CustomFieldSchema.</summary>
public sealed class CustomFieldDefinition
{
    public static readonly string[] DataTypes =
    [
        "TEXT", "LARGE_TEXT", "NUMERICAL", "PHONE", "MONETORY", "CHECKBOX", "SINGLE_OPTIONS", "MULTIPLE_OPTIONS",
        "DATE", "TEXTBOX_LIST", "FILE_UPLOAD", "RADIO",
    ];

    public string Id { get; init; }
    public string LocationId { get; init; }
    public string Name { get; init; }
    /// <summary>"contact.membership_level": the model, a dot, the key.</summary>
    public string FieldKey { get; init; }
    public string Placeholder { get; init; }
    public string DataType { get; init; }
    public int Position { get; init; }
    public List<string> PicklistOptions { get; init; } = [];
    public bool IsAllowedCustomOption { get; init; }
    public bool IsMultiFileAllowed { get; init; }
    public int MaxFileLimit { get; init; }
    public string Model { get; init; } = "contact";

    /// <summary>The key without its "contact." (or other model) prefix, lower-cased.</summary>
    public string ShortKey => CustomFieldRegistry.NormalizeKey(FieldKey);

    public bool HasOptions => DataType is "CHECKBOX" or "SINGLE_OPTIONS" or "MULTIPLE_OPTIONS" or "RADIO";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["fieldKey"] = FieldKey,
        ["placeholder"] = Placeholder ?? string.Empty,
        ["dataType"] = DataType,
        ["position"] = Position,
        ["picklistOptions"] = new JsonArray(PicklistOptions.Select(o => (JsonNode)o).ToArray()),
        ["picklistImageOptions"] = new JsonArray(),
        ["isAllowedCustomOption"] = IsAllowedCustomOption,
        ["isMultiFileAllowed"] = IsMultiFileAllowed,
        ["maxFileLimit"] = MaxFileLimit,
        ["locationId"] = LocationId,
        ["model"] = Model,
    };
}
