namespace ContactsEmulator;

/// <summary>A location (sub-account) of the emulated agency where the app is installed.</summary>
public sealed class InstalledLocationConfig
{
    public string Id { get; set; }
    public string Name { get; set; }
    public string Address { get; set; }
}
