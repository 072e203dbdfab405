namespace ContactsModule.Models
{
    /// <summary>What a cmdlet did to produce the contact it output.</summary>
    public enum ContactOutcome
    {
        Retrieved = 0,
        Created,
        Updated,
        Skipped,
    }
}
