using System;
using System.Collections;
using System.Collections.Generic;

namespace ContactsModule.Models
{
    /// <summary>
    /// A contact's tags. A read-only list rather than string[] so that Export-Csv writes "vip, newsletter"
    /// (which New-Contact and Set-Contact split back into tags) instead of "System.String[]".
    /// </summary>
    public sealed class ContactTags : IReadOnlyList<string>
    {
        public static readonly ContactTags Empty = new ContactTags(new string[0]);

        private readonly string[] _tags;

        public ContactTags(IEnumerable<string> tags)
        {
            _tags = tags == null ? new string[0] : new List<string>(tags).ToArray();
        }

        public int Count => _tags.Length;
        public string this[int index] => _tags[index];
        public bool Contains(string tag) => Array.Exists(_tags, t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
        public string[] ToArray() => (string[])_tags.Clone();
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_tags).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _tags.GetEnumerator();
        public override string ToString() => string.Join(", ", _tags);
    }
}
