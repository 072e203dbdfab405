namespace ContactsModule.Input
{
    /// <summary>One value of a row that cannot be sent, and why.</summary>
    internal sealed class FieldError
    {
        public FieldError(string column, string value, string reason)
        {
            Column = column;
            Value = value;
            Reason = reason;
        }

        /// <summary>The column (or parameter) the value came from, as the user named it; null for a fault of the whole row.</summary>
        public string Column { get; }
        public string Value { get; }
        /// <summary>Completes "Column 'value' ...", e.g. "is not a known country name or code."</summary>
        public string Reason { get; }

        public override string ToString() => Column == null ? Reason : Column + " '" + Value + "' " + Reason;
    }
}
