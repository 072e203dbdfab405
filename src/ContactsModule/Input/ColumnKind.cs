namespace ContactsModule.Input
{
    /// <summary>What a column of an input row is read as.</summary>
    internal enum ColumnKind
    {
        /// <summary>A contact field of the table (FirstName, "Mailing City"...).</summary>
        Field,
        /// <summary>A custom field value: customField.&lt;key&gt; or a -CustomFieldColumn header.</summary>
        CustomField,
        /// <summary>One dndSettings channel: "DND SMS", "Email Opt Out", "Do Not Call"...</summary>
        DndChannel,
        /// <summary>Read by the cmdlet itself (Set-Contact's Id).</summary>
        Identity,
        /// <summary>Named in -IgnoreColumn: not read, not reported.</summary>
        Ignored,
        /// <summary>Nothing takes it: reported in the "Columns not used" warning.</summary>
        Unused,
    }
}
