namespace ContactsModule.Cmdlets
{
    /// <summary>What New-Contact does with a row whose email or phone already belongs to a contact.</summary>
    public enum DuplicateAction
    {
        /// <summary>A ContactDuplicate error for the row (the API's own behaviour).</summary>
        Error,
        /// <summary>Leave the existing contact alone, warn, and output it with Outcome Skipped.</summary>
        Skip,
        /// <summary>Send the row through POST /contacts/upsert: the existing contact is updated (its tags replaced).</summary>
        Update,
    }
}
