namespace ContactsEmulator;

/// <summary>Which body a contact write came from; each accepts a different set of properties.</summary>
public enum ContactWriteMode
{
    Create,
    Update,
    Upsert,
}
