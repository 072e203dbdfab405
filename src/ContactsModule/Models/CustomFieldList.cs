using System;
using System.Collections;
using System.Collections.Generic;
using ContactsModule.Api;

namespace ContactsModule.Models
{
    /// <summary>
    /// A contact's custom field values. ToString gives a JSON object of id to value, the form Export-Csv writes
    /// and New-Contact / Set-Contact accept back in a CustomFields column. The string indexer finds a field by id,
    /// key (with or without "contact.") or name, ignoring case; key and name are known once the location's schema
    /// has been read (the cmdlets that output contacts read it).
    /// </summary>
    public sealed class CustomFieldList : IReadOnlyList<CustomFieldValue>
    {
        public static readonly CustomFieldList Empty = new CustomFieldList(new CustomFieldValue[0]);

        private readonly CustomFieldValue[] _items;

        public CustomFieldList(IEnumerable<CustomFieldValue> items)
        {
            _items = items == null ? new CustomFieldValue[0] : new List<CustomFieldValue>(items).ToArray();
        }

        public int Count => _items.Length;
        public CustomFieldValue this[int index] => _items[index];

        /// <summary>The value of the field with this id, key (with or without "contact.") or name, or null.</summary>
        public object this[string idKeyOrName] => Find(idKeyOrName)?.Value;

        /// <summary>The item whose id, key (with or without "contact.") or name is the given text, ignoring case; an id match wins.</summary>
        public CustomFieldValue Find(string idKeyOrName)
        {
            if (string.IsNullOrEmpty(idKeyOrName)) return null;
            foreach (var item in _items) if (string.Equals(item.Id, idKeyOrName, StringComparison.Ordinal)) return item;
            foreach (var item in _items) if (string.Equals(item.Id, idKeyOrName, StringComparison.OrdinalIgnoreCase)) return item;
            string shortKey = ContactCustomField.StripModel(idKeyOrName.Trim());
            foreach (var item in _items)
                if (!string.IsNullOrEmpty(item.Key) && string.Equals(ContactCustomField.StripModel(item.Key), shortKey, StringComparison.OrdinalIgnoreCase))
                    return item;
            foreach (var item in _items)
                if (!string.IsNullOrEmpty(item.Name) && string.Equals(item.Name.Trim(), idKeyOrName.Trim(), StringComparison.OrdinalIgnoreCase))
                    return item;
            return null;
        }

        public IEnumerator<CustomFieldValue> GetEnumerator() => ((IEnumerable<CustomFieldValue>)_items).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
        public override string ToString() => _items.Length == 0 ? string.Empty : ContactJson.WriteCustomFieldMap(_items);

        /// <summary>"Membership Level=Gold; Languages=English,French": what the default view shows (names when known, else ids).</summary>
        public string ToDisplayString()
        {
            var parts = new string[_items.Length];
            for (int i = 0; i < _items.Length; i++) parts[i] = _items[i].ToString();
            return string.Join("; ", parts);
        }
    }
}
