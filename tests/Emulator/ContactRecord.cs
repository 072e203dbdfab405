using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>A stored contact. Only touched under the <see cref="ContactStore"/> lock.</summary>
public sealed class ContactRecord
{
    public string Id { get; init; }
    public string LocationId { get; init; }
    public DateTime DateAdded { get; set; }
    public DateTime DateUpdated { get; set; }
    public DateTime LastSessionActivityAt { get; set; }
    public bool Deleted { get; set; }

    /// <summary>String properties by body name (firstName, email, ...); absent means never given or cleared.</summary>
    public Dictionary<string, string> Text { get; } = new(StringComparer.Ordinal);

    public bool Dnd { get; set; }
    public JsonObject DndSettings { get; set; }
    public JsonObject InboundDndSettings { get; set; }
    public DateTime? DateOfBirth { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>Custom field values by field id, in the order first set.</summary>
    public OrderedDictionary<string, JsonNode> CustomFields { get; } = new(StringComparer.Ordinal);

    public string Get(string field) => Text.TryGetValue(field, out var value) ? value : null;

    public string EmailKey => Get("email")?.Trim().ToLowerInvariant() is { Length: > 0 } e ? e : null;

    public string PhoneKey => PhoneNormalizer.Normalize(Get("phone"));

    /// <summary>The contact's display name: the given name, else first and last name.</summary>
    public string DisplayName
    {
        get
        {
            var name = Get("name");
            if (!string.IsNullOrWhiteSpace(name)) return name.Trim();
            var full = $"{Get("firstName")} {Get("lastName")}".Trim();
            return full.Length > 0 ? full : null;
        }
    }

    /// <summary>first + last name lower-cased; falls back to the given name.</summary>
    public string FullNameLowerCase
    {
        get
        {
            var full = $"{Get("firstName")} {Get("lastName")}".Trim();
            if (full.Length == 0) full = Get("name")?.Trim() ?? string.Empty;
            return full.Length > 0 ? full.ToLowerInvariant() : null;
        }
    }
}
