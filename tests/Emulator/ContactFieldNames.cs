namespace ContactsEmulator;

/// <summary>The contact body properties per write mode, and which string ones accept null.</summary>
public static class ContactFieldNames
{
    /// <summary>Plain string properties stored as given (in response order).</summary>
    public static readonly string[] TextFields =
    [
        "firstName", "lastName", "name", "email", "phone", "address1", "city", "state", "country",
        "postalCode", "website", "timezone", "source", "companyName", "gender", "assignedTo",
    ];

    private static readonly string[] CreateProperties =
    [
        "firstName", "lastName", "name", "email", "locationId", "gender", "phone", "address1", "city", "state",
        "postalCode", "website", "timezone", "dnd", "dndSettings", "inboundDndSettings", "tags", "customFields",
        "source", "country", "companyName", "assignedTo", "dateOfBirth",
    ];

    private static readonly HashSet<string> Create = new(CreateProperties, StringComparer.Ordinal);

    private static readonly HashSet<string> Update = new(
        CreateProperties.Where(p => p is not ("locationId" or "gender" or "companyName")), StringComparer.Ordinal);

    private static readonly HashSet<string> Upsert = new(
        CreateProperties.Append("createNewIfDuplicateAllowed"), StringComparer.Ordinal);

    // "string or null" in HighLevel's create/upsert DTOs; update also lets source and assignedTo be null.
    private static readonly HashSet<string> NullableOnCreate = new(
        ["firstName", "lastName", "name", "email", "phone", "address1", "city", "state", "website", "timezone", "companyName"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> NullableOnUpdate = new(
        NullableOnCreate.Concat(["source", "assignedTo"]), StringComparer.Ordinal);

    public static HashSet<string> AllowedProperties(ContactWriteMode mode) => mode switch
    {
        ContactWriteMode.Update => Update,
        ContactWriteMode.Upsert => Upsert,
        _ => Create,
    };

    public static bool IsNullable(string field, ContactWriteMode mode) =>
        (mode == ContactWriteMode.Update ? NullableOnUpdate : NullableOnCreate).Contains(field);
}
