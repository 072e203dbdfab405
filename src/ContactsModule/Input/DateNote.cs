namespace ContactsModule.Input
{
    /// <summary>A date the run warns about once (see <see cref="DateNoteKind"/>).</summary>
    internal sealed class DateNote
    {
        public DateNote(DateNoteKind kind, string column, string value, string text)
        {
            Kind = kind;
            Column = column;
            Value = value;
            Text = text;
        }

        public DateNoteKind Kind { get; }
        public string Column { get; }
        public string Value { get; }
        /// <summary>Completes "Column 'value' ...".</summary>
        public string Text { get; }
    }
}
