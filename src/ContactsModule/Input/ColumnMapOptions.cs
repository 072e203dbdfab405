using System;
using System.Collections.Generic;

namespace ContactsModule.Input
{
    /// <summary>What a cmdlet adds to the field table when mapping columns. Headers are compared as <see cref="HeaderName"/> does.</summary>
    internal sealed class ColumnMapOptions
    {
        /// <summary>-CustomFieldColumn: header -> custom field key.</summary>
        public Dictionary<string, string> CustomFieldColumns { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>-IgnoreColumn.</summary>
        public List<string> IgnoredColumns { get; } = new List<string>();

        /// <summary>Columns the cmdlet reads itself (Set-Contact: Id, ContactId, "Contact Id").</summary>
        public List<string> IdentityColumns { get; } = new List<string>();

        /// <summary>
        /// Later ways to claim a column the table does not know (custom fields by name, say): each gets the header
        /// and returns its use, or null to leave it to the next one. A column nothing claims is reported as unused.
        /// </summary>
        public List<Func<string, ColumnUse>> Claims { get; } = new List<Func<string, ColumnUse>>();
    }
}
