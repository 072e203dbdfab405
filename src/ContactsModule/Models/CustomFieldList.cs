using System.Collections;
using System.Collections.Generic;
using ContactsModule.Api;

namespace ContactsModule.Models
{
    /// <summary>
    /// A contact's custom field values. ToString gives a JSON object of id to value, the form Export-Csv writes
    /// and New-Contact / Set-Contact accept back in a CustomFields column.
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

        /// <summary>The value of the field with this id, or null.</summary>
        public object this[string id]
        {
            get
            {
                foreach (var item in _items) if (item.Id == id) return item.Value;
                return null;
            }
        }

        public IEnumerator<CustomFieldValue> GetEnumerator() => ((IEnumerable<CustomFieldValue>)_items).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
        public override string ToString() => _items.Length == 0 ? string.Empty : ContactJson.WriteCustomFieldMap(_items);
    }
}
