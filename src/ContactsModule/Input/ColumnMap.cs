using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ContactsModule.Input
{
    /// <summary>
    /// What each column of a set of headers is read as, from the field table and the cmdlet's options; the columns
    /// nothing reads are listed in <see cref="Unused"/>, so that no column is dropped without a word.
    /// </summary>
    internal sealed class ColumnMap
    {
        private static readonly Regex CustomFieldHeader = new Regex(@"^\s*customFields?\.(?<key>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private readonly string[] _headers;
        private readonly Dictionary<ContactField, List<int>> _byField = new Dictionary<ContactField, List<int>>();

        private ColumnMap(string[] headers, ColumnUse[] columns)
        {
            _headers = headers;
            Columns = columns;
            var unused = new List<string>();
            for (int i = 0; i < columns.Length; i++)
            {
                var use = columns[i];
                if (use.Kind == ColumnKind.Unused) unused.Add(use.Header);
                if (use.Kind != ColumnKind.Field) continue;
                if (!_byField.TryGetValue(use.Field, out var list)) _byField[use.Field] = list = new List<int>();
                list.Add(i);
            }
            Unused = unused;
        }

        /// <summary>One entry per header, in the headers' order.</summary>
        public IReadOnlyList<ColumnUse> Columns { get; }

        /// <summary>The headers nothing reads (not ignored, not a field, custom field or DND channel).</summary>
        public IReadOnlyList<string> Unused { get; }

        /// <summary>The indexes of the columns that feed <paramref name="field"/>, left to right.</summary>
        public IReadOnlyList<int> ColumnsOf(ContactField field) =>
            _byField.TryGetValue(field, out var list) ? (IReadOnlyList<int>)list : Array.Empty<int>();

        /// <summary>True when <paramref name="headers"/> are the headers this map was built from (same order).</summary>
        public bool IsFor(IReadOnlyList<string> headers)
        {
            if (headers.Count != _headers.Length) return false;
            for (int i = 0; i < _headers.Length; i++)
                if (!string.Equals(headers[i], _headers[i], StringComparison.Ordinal)) return false;
            return true;
        }

        public static ColumnMap Build(IReadOnlyList<string> headers, ColumnMapOptions options)
        {
            var copy = new string[headers.Count];
            var columns = new ColumnUse[headers.Count];
            for (int i = 0; i < headers.Count; i++)
            {
                copy[i] = headers[i];
                columns[i] = Classify(headers[i], options);
            }
            return new ColumnMap(copy, columns);
        }

        /// <summary>customField.&lt;key&gt; / customFields.&lt;key&gt;: the key.</summary>
        public static bool TryCustomFieldKey(string header, out string key)
        {
            var match = CustomFieldHeader.Match(header ?? string.Empty);
            key = match.Success ? match.Groups["key"].Value.Trim() : null;
            return match.Success && key.Length > 0;
        }

        private static ColumnUse Classify(string header, ColumnMapOptions options)
        {
            if (Contains(options.IgnoredColumns, header)) return new ColumnUse(header, ColumnKind.Ignored);
            foreach (var pair in options.CustomFieldColumns)
                if (HeaderName.Same(pair.Key, header)) return new ColumnUse(header, ColumnKind.CustomField, key: pair.Value);
            if (TryCustomFieldKey(header, out var key)) return new ColumnUse(header, ColumnKind.CustomField, key: key);
            var field = ContactFieldTable.FindByHeader(header);
            if (field != null) return new ColumnUse(header, ColumnKind.Field, field);
            if (ContactFieldTable.TryDndChannel(header, out var channel)) return new ColumnUse(header, ColumnKind.DndChannel, key: channel);
            if (Contains(options.IdentityColumns, header)) return new ColumnUse(header, ColumnKind.Identity);
            foreach (var claim in options.Claims)
            {
                var use = claim(header);
                if (use != null) return use;
            }
            return new ColumnUse(header, ColumnKind.Unused);
        }

        private static bool Contains(List<string> headers, string header)
        {
            foreach (var candidate in headers)
                if (HeaderName.Same(candidate, header)) return true;
            return false;
        }
    }
}
