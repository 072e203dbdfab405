using System;
using System.Collections;
using System.Collections.Generic;

namespace ContactsModule.Conversion
{
    /// <summary>Turns a tags cell or a tags array into the API's <c>tags</c> string array.</summary>
    /// <remarks>
    /// A single value (a string, or anything else as its invariant text) is split on ',', ';', '|' and
    /// Google Contacts' " ::: ": "vip, newsletter; 2024|b2b" -> ["vip", "newsletter", "2024", "b2b"]. An item in
    /// double quotes (Mailchimp's "vip","newsletter") loses them. A cell holding a JSON array of strings
    /// (["vip","newsletter"]) is read as its items.
    /// A sequence that is not a string (string[], object[], List&lt;T&gt;) is taken as already split:
    /// each item is cleaned (<see cref="CellText.Clean"/>) but not split again.
    /// Either way empty items are dropped, and repeats (compared case-insensitively, ordinal) are
    /// dropped keeping the first spelling; order is kept. Null or blank -> an empty array.
    /// </remarks>
    internal static class TagList
    {
        private static readonly string[] Separators = { ":::", ",", ";", "|" };

        public static string[] Parse(object input)
        {
            TryParse(input, out var tags, out _);
            return tags;
        }

        /// <summary>As <see cref="Parse"/>; false (with the items it could read) for a cell that looks like JSON but is not an array of text.</summary>
        public static bool TryParse(object input, out string[] tags, out string reason)
        {
            reason = null;
            var result = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            void Take(string tag)
            {
                if (tag != null && seen.Add(tag)) result.Add(tag);
            }

            if (input is IEnumerable items && !(input is string))
            {
                foreach (var item in items) Take(CellText.Clean(item));
            }
            else
            {
                var text = CellText.Clean(input);
                if (text != null && text.StartsWith("[", StringComparison.Ordinal))
                {
                    if (!TryReadJsonArray(text, Take))
                        reason = "looks like a JSON array but is not one of text items. Write the tags as [\"vip\",\"newsletter\"] or vip, newsletter.";
                }
                else if (text != null)
                {
                    foreach (var part in text.Split(Separators, StringSplitOptions.None)) Take(Unquote(CellText.Clean(part)));
                }
            }

            tags = result.ToArray();
            return reason == null;
        }

        private static string Unquote(string tag)
        {
            if (tag != null && tag.Length >= 2 && tag[0] == '"' && tag[tag.Length - 1] == '"') return CellText.Clean(tag.Substring(1, tag.Length - 2));
            return tag;
        }

        private static bool TryReadJsonArray(string text, Action<string> take)
        {
            try
            {
                using (var document = System.Text.Json.JsonDocument.Parse(text))
                {
                    if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array) return false;
                    foreach (var item in document.RootElement.EnumerateArray())
                    {
                        if (item.ValueKind == System.Text.Json.JsonValueKind.String) take(CellText.Clean(item.GetString()));
                        else if (item.ValueKind == System.Text.Json.JsonValueKind.Number) take(item.GetRawText());
                        else return false;
                    }
                    return true;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }
    }
}
