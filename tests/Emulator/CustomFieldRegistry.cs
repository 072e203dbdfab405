using System.Globalization;
using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>
/// Per-location custom field schemas. A location whose schema was seeded (POST /__emulator/customFields) is
/// strict: contact writes must name its fields and match their types and options. A location never seeded
/// registers any key it is sent as a TEXT field (the emulator's behaviour before schemas existed). Ids are
/// derived from location and key, so they are stable across resets. Used under the store lock.
/// </summary>
public sealed class CustomFieldRegistry
{
    private readonly Dictionary<string, List<CustomFieldDefinition>> _byLocation = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seeded = new(StringComparer.Ordinal);

    /// <summary>Keys are matched without a leading model prefix ("contact.") and case-insensitively.</summary>
    public static string NormalizeKey(string key)
    {
        var k = (key ?? string.Empty).Trim().ToLowerInvariant();
        foreach (var model in new[] { "contact.", "opportunity." })
        {
            if (k.StartsWith(model, StringComparison.Ordinal)) return k[model.Length..];
        }
        return k;
    }

    public bool IsSeeded(string locationId) => _seeded.Contains(locationId);

    /// <summary>The field with this id, or with this key (with or without "contact."), or null.</summary>
    public CustomFieldDefinition Find(string locationId, string idOrKey)
    {
        if (string.IsNullOrWhiteSpace(idOrKey) || !_byLocation.TryGetValue(locationId, out var fields)) return null;
        var byId = fields.FirstOrDefault(f => f.Id == idOrKey);
        if (byId != null) return byId;
        var key = NormalizeKey(idOrKey);
        var prefixed = idOrKey.Trim().ToLowerInvariant();
        // "opportunity.x" must not find the contact field x.
        return fields.FirstOrDefault(f => f.FieldKey.Equals(prefixed, StringComparison.OrdinalIgnoreCase)) ??
               (prefixed.Contains('.') && !prefixed.StartsWith("contact.", StringComparison.Ordinal)
                   ? null
                   : fields.FirstOrDefault(f => f.Model == "contact" && f.ShortKey == key));
    }

    /// <summary>The id a write's key stands for; an unseeded location registers the key as a TEXT field.</summary>
    public string ResolveKey(string locationId, string key)
    {
        var found = Find(locationId, key);
        if (found != null) return found.Id;
        var normalized = NormalizeKey(key);
        var field = new CustomFieldDefinition
        {
            Id = IdGenerator.Derived("custom-field", locationId, normalized),
            LocationId = locationId,
            Name = normalized,
            FieldKey = "contact." + normalized,
            DataType = "TEXT",
            Position = Fields(locationId).Count * 50,
        };
        List(locationId).Add(field);
        return field.Id;
    }

    /// <summary>Known fields of a location, in position order.</summary>
    public IReadOnlyList<CustomFieldDefinition> Fields(string locationId) =>
        _byLocation.TryGetValue(locationId, out var fields) ? fields.OrderBy(f => f.Position).ToList() : [];

    /// <summary>
    /// Replaces a location's schema with the given definitions ({name, dataType, fieldKey?, id?, placeholder?,
    /// position?, picklistOptions?, isAllowedCustomOption?, model?}); returns the problems, if any (nothing changes then).
    /// </summary>
    public List<string> Seed(string locationId, JsonArray items)
    {
        var errors = new List<string>();
        var fields = new List<CustomFieldDefinition>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                errors.Add($"fields[{i}] must be an object");
                continue;
            }
            var name = JsonKinds.AsString(item["name"]);
            var dataType = JsonKinds.AsString(item["dataType"]);
            var model = JsonKinds.AsString(item["model"]) ?? "contact";
            if (string.IsNullOrWhiteSpace(name)) errors.Add($"fields[{i}].name must be a non-empty string");
            if (dataType == null || !CustomFieldDefinition.DataTypes.Contains(dataType))
                errors.Add($"fields[{i}].dataType must be one of {string.Join(", ", CustomFieldDefinition.DataTypes)}");
            if (model is not ("contact" or "opportunity")) errors.Add($"fields[{i}].model must be contact or opportunity");
            if (errors.Count > 0) continue;
            var key = JsonKinds.AsString(item["fieldKey"]) ?? JsonKinds.AsString(item["key"]) ?? KeyFromName(name);
            var fieldKey = model + "." + NormalizeKey(key);
            var options = item["picklistOptions"] is JsonArray list ? list.Select(JsonKinds.AsString).Where(o => o != null).ToList() : [];
            fields.Add(new CustomFieldDefinition
            {
                Id = JsonKinds.AsString(item["id"]) ?? IdGenerator.Derived("custom-field", locationId, fieldKey),
                LocationId = locationId,
                Name = name.Trim(),
                FieldKey = fieldKey,
                Placeholder = JsonKinds.AsString(item["placeholder"]),
                DataType = dataType,
                Position = JsonKinds.AsInt(item["position"]) ?? i * 50,
                PicklistOptions = options,
                IsAllowedCustomOption = JsonKinds.IsBool(item["isAllowedCustomOption"]) && item["isAllowedCustomOption"]!.GetValue<bool>(),
                IsMultiFileAllowed = dataType == "FILE_UPLOAD",
                MaxFileLimit = dataType == "FILE_UPLOAD" ? 1 : 0,
                Model = model,
            });
        }
        foreach (var duplicate in fields.GroupBy(f => f.FieldKey).Where(g => g.Count() > 1))
            errors.Add($"fieldKey {duplicate.Key} is given more than once");
        foreach (var duplicate in fields.GroupBy(f => f.Id).Where(g => g.Count() > 1))
            errors.Add($"id {duplicate.Key} is given more than once");
        if (errors.Count > 0) return errors;
        _byLocation[locationId] = fields;
        _seeded.Add(locationId);
        return errors;
    }

    public void Clear()
    {
        _byLocation.Clear();
        _seeded.Clear();
    }

    private List<CustomFieldDefinition> List(string locationId)
    {
        if (!_byLocation.TryGetValue(locationId, out var fields)) _byLocation[locationId] = fields = [];
        return fields;
    }

    /// <summary>"Membership Level" -> "membership_level", as HighLevel derives a new field's key from its name.</summary>
    private static string KeyFromName(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        var key = string.Join("_", new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return key.Length > 0 ? key : "field_" + name.GetHashCode().ToString("x", CultureInfo.InvariantCulture);
    }
}
