using System.Text;
using ContactsModule.Conversion;

namespace ContactsModule.Input
{
    /// <summary>
    /// How column headers are compared: all white space (non-breaking and zero-width spaces included) and the
    /// separators _ - . / are ignored, and case does not matter, so "First Name ", "first_name", "FIRST-NAME" and
    /// "FirstName" are one header. The field table is checked to have no two fields whose names meet under this rule.
    /// </summary>
    internal static class HeaderName
    {
        /// <summary>The comparison key of a header: "Mailing Zip/Postal Code" -> "mailingzippostalcode".</summary>
        public static string Normalize(string header)
        {
            if (header == null) return string.Empty;
            var sb = new StringBuilder(header.Length);
            foreach (char c in header)
            {
                if (CellText.IsTrimmable(c) || c == '_' || c == '-' || c == '.' || c == '/') continue;
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        public static bool Same(string a, string b) => Normalize(a) == Normalize(b);
    }
}
