namespace ContactsEmulator;

/// <summary>Which endpoint a contact is rendered for; GET adds a few read-only fields.</summary>
public enum ContactView
{
    Write,
    Get,
}
