using System;
using System.Collections.Generic;
using ContactsModule.Models;

namespace ContactsModule.Input
{
    /// <summary>
    /// Which custom field of a location's schema a column header names: its id (exactly), its key with or without
    /// "contact.", or its display name, keys and names compared as <see cref="HeaderName"/> compares headers.
    /// </summary>
    internal static class CustomFieldHeaders
    {
        public static ContactCustomField Find(IReadOnlyList<ContactCustomField> schema, string header)
        {
            if (schema == null || string.IsNullOrWhiteSpace(header)) return null;
            string trimmed = header.Trim();
            foreach (var field in schema)
                if (string.Equals(field.Id, trimmed, StringComparison.Ordinal)) return field;
            string wanted = HeaderName.Normalize(ContactCustomField.StripModel(trimmed));
            if (wanted.Length == 0) return null;
            foreach (var field in schema)
                if (HeaderName.Normalize(field.ShortKey) == wanted) return field;
            foreach (var field in schema)
                if (HeaderName.Normalize(field.Name) == wanted) return field;
            return null;
        }

        /// <summary>Up to three field names closest to the header (edit distance of the normalised forms), nearest first.</summary>
        public static IReadOnlyList<string> Closest(IReadOnlyList<ContactCustomField> schema, string header)
        {
            var result = new List<string>();
            if (schema == null) return result;
            string wanted = HeaderName.Normalize(ContactCustomField.StripModel(header ?? string.Empty));
            if (wanted.Length == 0) return result;
            var scored = new List<KeyValuePair<int, string>>();
            foreach (var field in schema)
            {
                int distance = Math.Min(Distance(wanted, HeaderName.Normalize(field.Name)), Distance(wanted, HeaderName.Normalize(field.ShortKey)));
                int allowed = Math.Max(2, wanted.Length / 3);
                if (distance <= allowed) scored.Add(new KeyValuePair<int, string>(distance, field.Name));
            }
            scored.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Value, b.Value));
            foreach (var pair in scored)
            {
                if (result.Count == 3) break;
                if (!result.Contains(pair.Value)) result.Add(pair.Value);
            }
            return result;
        }

        /// <summary>Levenshtein distance.</summary>
        internal static int Distance(string a, string b)
        {
            a = a ?? string.Empty;
            b = b ?? string.Empty;
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
