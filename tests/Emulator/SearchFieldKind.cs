namespace ContactsEmulator;

public enum SearchFieldKind
{
    Text,
    Id,
    Tags,
    Boolean,
    Date,
}
