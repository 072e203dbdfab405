namespace ContactsEmulator;

/// <summary>The live (non-deleted) contacts of one location, indexed by email and phone. Used under the store lock.</summary>
public sealed class LocationContacts
{
    private readonly Dictionary<string, List<ContactRecord>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ContactRecord>> _byPhone = new(StringComparer.Ordinal);

    public Dictionary<string, ContactRecord> Contacts { get; } = new(StringComparer.Ordinal);

    public void Add(ContactRecord record)
    {
        Contacts[record.Id] = record;
        AddKey(_byEmail, record.EmailKey, record);
        AddKey(_byPhone, record.PhoneKey, record);
    }

    public void Remove(ContactRecord record)
    {
        Contacts.Remove(record.Id);
        RemoveKey(_byEmail, record.EmailKey, record);
        RemoveKey(_byPhone, record.PhoneKey, record);
    }

    public ContactRecord FindByEmail(string emailKey, string excludeId = null) => Find(_byEmail, emailKey, excludeId);

    public ContactRecord FindByPhone(string phoneKey, string excludeId = null) => Find(_byPhone, phoneKey, excludeId);

    private static ContactRecord Find(Dictionary<string, List<ContactRecord>> index, string key, string excludeId)
    {
        if (key == null || !index.TryGetValue(key, out var list)) return null;
        return list.FirstOrDefault(r => r.Id != excludeId);
    }

    private static void AddKey(Dictionary<string, List<ContactRecord>> index, string key, ContactRecord record)
    {
        if (key == null) return;
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(record);
    }

    private static void RemoveKey(Dictionary<string, List<ContactRecord>> index, string key, ContactRecord record)
    {
        if (key == null || !index.TryGetValue(key, out var list)) return;
        list.Remove(record);
        if (list.Count == 0) index.Remove(key);
    }
}
