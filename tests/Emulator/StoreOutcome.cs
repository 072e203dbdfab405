namespace ContactsEmulator;

public enum StoreOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Duplicate,
}
