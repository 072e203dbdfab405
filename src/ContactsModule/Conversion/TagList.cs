using System;
using System.Collections;
using System.Collections.Generic;

namespace ContactsModule.Conversion
{
    /// <summary>Turns a tags cell or a tags array into the API's <c>tags</c> string array.</summary>
    /// <remarks>
    /// A single value (a string, or anything else as its invariant text) is split on ',' and ';':
    /// "vip, newsletter; 2024" -> ["vip", "newsletter", "2024"].
    /// A sequence that is not a string (string[], object[], List&lt;T&gt;) is taken as already split:
    /// each item is cleaned (<see cref="CellText.Clean"/>) but not split again.
    /// Either way empty items are dropped, and repeats (compared case-insensitively, ordinal) are
    /// dropped keeping the first spelling; order is kept. Null or blank -> an empty array.
    /// </remarks>
    public static class TagList
    {
        private static readonly char[] Separators = { ',', ';' };

        public static string[] Parse(object input)
        {
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
                if (text != null)
                {
                    foreach (var part in text.Split(Separators)) Take(CellText.Clean(part));
                }
            }

            return result.ToArray();
        }
    }
}
