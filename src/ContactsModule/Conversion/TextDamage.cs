using System.Text.RegularExpressions;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Finds text that was decoded with the wrong encoding: U+FFFD (bytes that were not valid UTF-8, typically a
    /// Windows-1252 file read as UTF-8) or the mojibake of UTF-8 read as Windows-1252 or Latin-1 ("Ã©" for "é",
    /// "â€™" for "’").
    /// </summary>
    internal static class TextDamage
    {
        // A UTF-8 lead byte C2/C3 shown as Â/Ã followed by a continuation byte 80-BF as Windows-1252 shows it, or the
        // E2 80 start of UTF-8 punctuation shown as "â€".
        private static readonly Regex Mojibake = new Regex(
            "[\u00C2\u00C3][\u00A0-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|\u00E2\u20AC",
            RegexOptions.CultureInvariant);

        /// <summary>The reason the text looks wrongly decoded, or null.</summary>
        public static string Find(string text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (text.IndexOf('\uFFFD') >= 0)
                return "contains U+FFFD (\uFFFD), a character that could not be decoded: the file is not UTF-8, probably Windows-1252 (what Excel " +
                       "saves as \"CSV\"). Read it with Import-Csv -Encoding 1252 (Windows PowerShell 5.1: -Encoding Default) and send the row again.";
            var match = Mojibake.Match(text);
            if (match.Success)
                return "contains '" + match.Value + "', UTF-8 text read as Windows-1252: read the file with Import-Csv -Encoding UTF8 and send the row again.";
            return null;
        }
    }
}
