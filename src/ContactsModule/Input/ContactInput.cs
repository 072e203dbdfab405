using System;
using System.Collections.Generic;

namespace ContactsModule.Input
{
    /// <summary>
    /// The raw values of one row (cell text, or whatever a caller passed: bool, DateTime, hashtable, array),
    /// keyed by API field name (firstName, email, dndSettings...), before any conversion. Values are plain
    /// .NET objects: the cmdlet unwraps PowerShell's wrappers first.
    /// </summary>
    internal sealed class ContactInput
    {
        private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Custom field values given by key (from customField.key columns or -CustomFieldColumn), with their column names.</summary>
        public List<KeyValuePair<string, object>> CustomFieldsByKey { get; } = new List<KeyValuePair<string, object>>();
        public Dictionary<string, string> CustomFieldColumns { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Per-channel DND values from columns such as "DND SMS": channel -> (column, value).</summary>
        public Dictionary<string, KeyValuePair<string, object>> DndChannelColumns { get; } = new Dictionary<string, KeyValuePair<string, object>>(StringComparer.OrdinalIgnoreCase);

        public void Set(string field, object value, string column = null)
        {
            _values[field] = value;
            _columns[field] = column ?? field;
        }

        public bool Has(string field) => _values.ContainsKey(field);
        public object Get(string field) => _values.TryGetValue(field, out var value) ? value : null;
        public string ColumnOf(string field) => _columns.TryGetValue(field, out var column) ? column : field;
        public IEnumerable<string> Fields => _values.Keys;
    }
}
