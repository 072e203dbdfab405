using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using ContactsModule.Models;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// A contact as one flat CSV row that New-Contact reads back into any location: the standard fields under the
    /// column names the import reads, Tags joined, and one column per custom field of the location named by its key
    /// as the location spells it (the import maps keys to the target location's own fields). Ids that belong to the
    /// source location (Id, LocationId, AssignedTo, custom field ids) and read-only API fields are left out.
    /// </summary>
    internal sealed class ContactCsvRow
    {
        /// <summary>The standard columns, in order.</summary>
        public static readonly string[] StandardColumns =
        {
            "FirstName", "LastName", "Email", "Phone", "CompanyName", "Address1", "City", "State", "PostalCode",
            "Country", "Website", "Timezone", "Source", "Gender", "DateOfBirth", "Dnd", "Tags",
        };

        private readonly List<ContactCustomField> _fields = new List<ContactCustomField>();

        /// <summary>Columns from the location's fields (FILE_UPLOAD fields have none: a file cannot be set from a cell).</summary>
        public ContactCsvRow(IEnumerable<ContactCustomField> schema)
        {
            if (schema == null) return;
            foreach (var field in schema)
            {
                if (string.IsNullOrEmpty(field?.Key) || IsFile(field.DataType)) continue;
                if (_fields.Exists(f => string.Equals(f.ShortKey, field.ShortKey, StringComparison.OrdinalIgnoreCase))) continue;
                _fields.Add(field);
            }
        }

        /// <summary>The custom field columns, in the schema's order: each field's key.</summary>
        public IEnumerable<string> CustomFieldColumns
        {
            get { foreach (var f in _fields) yield return f.Key; }
        }

        /// <summary>
        /// The row: column name to text (empty for no value). Values that have no column (no key known, a field the
        /// location lacks, a file) are left out and described in <paramref name="left"/>.
        /// </summary>
        public OrderedDictionary Write(Contact contact, List<string> left)
        {
            if (contact == null) throw new ArgumentNullException(nameof(contact));
            var row = new OrderedDictionary(StringComparer.OrdinalIgnoreCase)
            {
                ["FirstName"] = contact.FirstName ?? string.Empty,
                ["LastName"] = contact.LastName ?? string.Empty,
                ["Email"] = contact.Email ?? string.Empty,
                ["Phone"] = contact.Phone ?? string.Empty,
                ["CompanyName"] = contact.CompanyName ?? string.Empty,
                ["Address1"] = contact.Address1 ?? string.Empty,
                ["City"] = contact.City ?? string.Empty,
                ["State"] = contact.State ?? string.Empty,
                ["PostalCode"] = contact.PostalCode ?? string.Empty,
                ["Country"] = contact.Country ?? string.Empty,
                ["Website"] = contact.Website ?? string.Empty,
                ["Timezone"] = contact.Timezone ?? string.Empty,
                ["Source"] = contact.Source ?? string.Empty,
                ["Gender"] = contact.Gender ?? string.Empty,
                ["DateOfBirth"] = contact.DateOfBirth.HasValue ? contact.DateOfBirth.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty,
                ["Dnd"] = contact.Dnd ? "true" : string.Empty,
                ["Tags"] = contact.Tags == null ? string.Empty : string.Join(", ", contact.Tags),
            };
            foreach (var field in _fields) row[field.Key] = string.Empty;
            if (contact.CustomFields == null) return row;
            foreach (var value in contact.CustomFields)
            {
                if (value == null || IsBlank(value.Value)) continue;
                ContactCustomField column = null;
                if (!string.IsNullOrEmpty(value.Key))
                {
                    string shortKey = ContactCustomField.StripModel(value.Key);
                    column = _fields.Find(f => string.Equals(f.ShortKey, shortKey, StringComparison.OrdinalIgnoreCase));
                }
                if (column == null)
                {
                    left?.Add(string.IsNullOrEmpty(value.Key) ? "id " + value.Id : value.Key);
                    continue;
                }
                row[column.Key] = Text(value.Value);
            }
            return row;
        }

        /// <summary>A value as the import reads it back: lists joined with "; ", dates as yyyy-MM-dd, numbers invariant.</summary>
        public static string Text(object value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string s: return s;
                case DateTime date:
                    return date.TimeOfDay == TimeSpan.Zero
                        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                case bool b: return b ? "true" : "false";
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                case System.Collections.IEnumerable items:
                    var parts = new List<string>();
                    foreach (var item in items) parts.Add(Text(item));
                    return string.Join("; ", parts);
                default: return value.ToString();
            }
        }

        private static bool IsBlank(object value) =>
            value == null || value is string s && s.Length == 0 || value is string[] a && a.Length == 0;

        private static bool IsFile(string dataType) => string.Equals(dataType, "FILE_UPLOAD", StringComparison.OrdinalIgnoreCase);
    }
}
