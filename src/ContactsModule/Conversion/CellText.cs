using System;
using System.Collections;
using System.Globalization;
using System.Text;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Turns a CSV cell (or any parameter value) into trimmed text, or null when nothing was given.
    /// </summary>
    /// <remarks>
    /// The conversion layer's contract for "not given": <see cref="Clean"/> returning null means the
    /// cell is blank. Callers are expected to call <see cref="Clean"/> first and to call a converter
    /// only with non-null text. The converters are forgiving when that is not done: every converter
    /// whose output is a string (or string array) treats a blank input as "not given" and returns
    /// true with a null output (<see cref="TagList"/> returns an empty array). The one exception is
    /// <see cref="BooleanText.TryParse"/>, whose output is a plain bool: it returns false for blank
    /// input, because "not given" is neither true nor false.
    /// Callers pass base objects: unwrapping PowerShell's PSObject is not done here.
    /// </remarks>
    internal static class CellText
    {
        /// <summary>
        /// null, DBNull, empty or whitespace-only text -> null; anything else -> its trimmed invariant
        /// text. Besides ordinary white space, byte-order marks and zero-width spaces are trimmed too
        /// (they leak into cells from spreadsheets and BOM-less concatenated files).
        /// A DateTime or DateTimeOffset becomes round-trip ISO 8601 text; a sequence (not a string)
        /// becomes its cleaned non-blank items joined with ", ".
        /// </summary>
        public static string Clean(object input)
        {
            switch (input)
            {
                case null:
                    return null;
                case DBNull _:
                    return null;
                case string s:
                    return TrimOrNull(s);
                case char c:
                    return TrimOrNull(c.ToString());
                case bool b:
                    return b ? "true" : "false";
                case DateTime dt:
                    return dt.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset dto:
                    return dto.ToString("o", CultureInfo.InvariantCulture);
                case IFormattable f:
                    return TrimOrNull(f.ToString(null, CultureInfo.InvariantCulture));
                case IEnumerable e:
                    var sb = new StringBuilder();
                    foreach (var item in e)
                    {
                        var part = Clean(item);
                        if (part == null) continue;
                        if (sb.Length > 0) sb.Append(", ");
                        sb.Append(part);
                    }
                    return sb.Length == 0 ? null : sb.ToString();
                default:
                    return TrimOrNull(Convert.ToString(input, CultureInfo.InvariantCulture));
            }
        }

        internal static bool IsTrimmable(char c) =>
            char.IsWhiteSpace(c) || c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060';

        private static string TrimOrNull(string s)
        {
            if (s == null) return null;
            int start = 0, end = s.Length - 1;
            while (start <= end && IsTrimmable(s[start])) start++;
            while (end >= start && IsTrimmable(s[end])) end--;
            if (start > end) return null;
            return start == 0 && end == s.Length - 1 ? s : s.Substring(start, end - start + 1);
        }
    }
}
