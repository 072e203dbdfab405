namespace ContactsEmulator;

/// <summary>The contact fields search can filter and sort on, and how to read them from a record.</summary>
public static class ContactSearchFields
{
    private static readonly Dictionary<string, SearchFieldKind> Kinds = new(StringComparer.Ordinal)
    {
        ["id"] = SearchFieldKind.Id,
        ["firstName"] = SearchFieldKind.Text,
        ["firstNameLowerCase"] = SearchFieldKind.Text,
        ["lastName"] = SearchFieldKind.Text,
        ["lastNameLowerCase"] = SearchFieldKind.Text,
        ["fullName"] = SearchFieldKind.Text,
        ["fullNameLowerCase"] = SearchFieldKind.Text,
        ["name"] = SearchFieldKind.Text,
        ["contactName"] = SearchFieldKind.Text,
        ["email"] = SearchFieldKind.Text,
        ["emailLowerCase"] = SearchFieldKind.Text,
        ["phone"] = SearchFieldKind.Text,
        ["companyName"] = SearchFieldKind.Text,
        ["businessName"] = SearchFieldKind.Text,
        ["address"] = SearchFieldKind.Text,
        ["address1"] = SearchFieldKind.Text,
        ["city"] = SearchFieldKind.Text,
        ["state"] = SearchFieldKind.Text,
        ["country"] = SearchFieldKind.Text,
        ["postalCode"] = SearchFieldKind.Text,
        ["source"] = SearchFieldKind.Text,
        ["website"] = SearchFieldKind.Text,
        ["timezone"] = SearchFieldKind.Text,
        ["assignedTo"] = SearchFieldKind.Text,
        ["gender"] = SearchFieldKind.Text,
        ["type"] = SearchFieldKind.Text,
        ["tags"] = SearchFieldKind.Tags,
        ["dnd"] = SearchFieldKind.Boolean,
        ["dateAdded"] = SearchFieldKind.Date,
        ["dateUpdated"] = SearchFieldKind.Date,
        ["dateOfBirth"] = SearchFieldKind.Date,
    };

    public static bool TryGetKind(string field, out SearchFieldKind kind) => Kinds.TryGetValue(field, out kind);

    public static string Text(ContactRecord r, string field) => field switch
    {
        "id" => r.Id,
        "firstName" or "firstNameLowerCase" => r.Get("firstName"),
        "lastName" or "lastNameLowerCase" => r.Get("lastName"),
        "fullName" or "fullNameLowerCase" or "name" or "contactName" => r.DisplayName,
        "email" or "emailLowerCase" => r.Get("email"),
        "companyName" or "businessName" => r.Get("companyName"),
        "address" or "address1" => r.Get("address1"),
        "type" => "lead",
        _ => r.Get(field),
    };

    public static long? Date(ContactRecord r, string field) => field switch
    {
        "dateAdded" => IsoTime.ToEpochMs(r.DateAdded),
        "dateUpdated" => IsoTime.ToEpochMs(r.DateUpdated),
        "dateOfBirth" => r.DateOfBirth is { } dob ? IsoTime.ToEpochMs(dob) : null,
        _ => null,
    };

    /// <summary>The value a sort (and the searchAfter cursor) uses: epoch ms for dates, lower-cased text otherwise.</summary>
    public static object SortValue(ContactRecord r, SearchSort sort) => sort.Kind switch
    {
        SearchFieldKind.Date => Date(r, sort.Field),
        SearchFieldKind.Boolean => r.Dnd ? 1L : 0L,
        SearchFieldKind.Tags => r.Tags.Count > 0 ? string.Join(",", r.Tags) : null,
        _ => Text(r, sort.Field)?.ToLowerInvariant(),
    };
}
