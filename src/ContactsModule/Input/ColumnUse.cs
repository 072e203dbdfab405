namespace ContactsModule.Input
{
    /// <summary>One column of the input and what it is read as.</summary>
    internal sealed class ColumnUse
    {
        public ColumnUse(string header, ColumnKind kind, ContactField field = null, string key = null)
        {
            Header = header;
            Kind = kind;
            Field = field;
            Key = key;
        }

        /// <summary>The header as the file has it.</summary>
        public string Header { get; }
        public ColumnKind Kind { get; }
        /// <summary>For <see cref="ColumnKind.Field"/>.</summary>
        public ContactField Field { get; }
        /// <summary>The custom field key (<see cref="ColumnKind.CustomField"/>) or the DND channel (<see cref="ColumnKind.DndChannel"/>).</summary>
        public string Key { get; }

        public override string ToString() => Header + " -> " + Kind + (Field != null ? " " + Field.ApiName : Key != null ? " " + Key : string.Empty);
    }
}
