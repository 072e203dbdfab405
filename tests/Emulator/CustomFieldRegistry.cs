namespace ContactsEmulator;

/// <summary>
/// Per-location custom field definitions: a field <c>key</c> always resolves to the same id. Ids are
/// derived from location and key, so they are also stable across resets. Used under the store lock.
/// </summary>
public sealed class CustomFieldRegistry
{
    private readonly Dictionary<string, Dictionary<string, string>> _byLocation = new(StringComparer.Ordinal);

    /// <summary>Keys are matched without a leading "contact." and case-insensitively.</summary>
    public static string NormalizeKey(string key)
    {
        var k = key.Trim().ToLowerInvariant();
        return k.StartsWith("contact.", StringComparison.Ordinal) ? k["contact.".Length..] : k;
    }

    public string ResolveKey(string locationId, string key)
    {
        if (!_byLocation.TryGetValue(locationId, out var fields))
        {
            fields = new Dictionary<string, string>(StringComparer.Ordinal);
            _byLocation[locationId] = fields;
        }
        var normalized = NormalizeKey(key);
        if (!fields.TryGetValue(normalized, out var id))
        {
            id = IdGenerator.Derived("custom-field", locationId, normalized);
            fields[normalized] = id;
        }
        return id;
    }

    /// <summary>Known fields of a location as (key, id) pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields(string locationId) =>
        _byLocation.TryGetValue(locationId, out var fields) ? fields.ToList() : [];

    public void Clear() => _byLocation.Clear();
}
