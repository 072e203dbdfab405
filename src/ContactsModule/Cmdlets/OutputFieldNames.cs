namespace ContactsModule.Cmdlets
{
    /// <summary>How a cmdlet gives its output contacts' custom field values their keys, names and typed values.</summary>
    internal enum OutputFieldNames
    {
        /// <summary>Not at all.</summary>
        None,
        /// <summary>From a schema already read (by the run's input, or earlier on the connection); never asks.</summary>
        FromCache,
        /// <summary>Reads the schema once per run and location when an output contact has custom field values.</summary>
        Read,
    }
}
