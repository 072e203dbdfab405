using System;

namespace ContactsModule.Conversion
{
    /// <summary>Checks and tidies an e-mail cell.</summary>
    /// <remarks>
    /// The address is trimmed, a leading "mailto:" is dropped, the domain is lower-cased and the
    /// local part is kept as written (it is case-sensitive in principle). Checked: exactly one @; no
    /// spaces, display names or angle brackets ("Bob &lt;bob@example.com&gt;" is refused, give the
    /// address alone); a local part of 1-64 characters from the usual set (letters, digits and
    /// !#$%&amp;'*+/=?^_`{|}~.- , no leading, trailing or double dot, no quoted local parts); a dotted
    /// domain whose top-level label is letters (see <see cref="HostName.IsDomain"/>).
    /// Blank input is "not given": true with a null address.
    /// </remarks>
    public static class EmailAddressText
    {
        private const string AllowedLocalSymbols = "!#$%&'*+/=?^_`{|}~.-";

        /// <summary>
        /// Reasons: "contains spaces.", "has a display name or angle brackets. Give the address alone (name@example.com).",
        /// "has no @.", "has more than one @.", "has nothing before the @.", "has an invalid character before the @.",
        /// "has a misplaced dot before the @.", "is too long before the @ (64 characters at most).",
        /// "has no domain after the @.", "has an invalid domain after the @ (use a domain such as example.com)."
        /// </summary>
        public static bool TryNormalize(string input, out string email, out string reason)
        {
            email = null;
            reason = null;
            var text = CellText.Clean(input);
            if (text == null) return true;

            if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                text = text.Substring("mailto:".Length);

            if (text.IndexOf('<') >= 0 || text.IndexOf('>') >= 0)
            {
                reason = "has a display name or angle brackets. Give the address alone (name@example.com).";
                return false;
            }
            foreach (var ch in text)
            {
                if (char.IsWhiteSpace(ch))
                {
                    reason = "contains spaces.";
                    return false;
                }
            }

            var at = text.IndexOf('@');
            if (at < 0)
            {
                reason = "has no @.";
                return false;
            }
            if (text.IndexOf('@', at + 1) >= 0)
            {
                reason = "has more than one @.";
                return false;
            }

            var local = text.Substring(0, at);
            var domain = text.Substring(at + 1);

            if (local.Length == 0)
            {
                reason = "has nothing before the @.";
                return false;
            }
            if (local.Length > 64)
            {
                reason = "is too long before the @ (64 characters at most).";
                return false;
            }
            foreach (var ch in local)
            {
                bool ok = ch < 128
                    ? (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || AllowedLocalSymbols.IndexOf(ch) >= 0
                    : char.IsLetterOrDigit(ch) || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark;
                if (!ok)
                {
                    reason = "has an invalid character before the @.";
                    return false;
                }
            }
            if (local[0] == '.' || local[local.Length - 1] == '.' || local.IndexOf("..", StringComparison.Ordinal) >= 0)
            {
                reason = "has a misplaced dot before the @.";
                return false;
            }

            if (domain.Length == 0)
            {
                reason = "has no domain after the @.";
                return false;
            }
            if (!HostName.IsDomain(domain))
            {
                reason = "has an invalid domain after the @ (use a domain such as example.com).";
                return false;
            }

            email = local + "@" + domain.ToLowerInvariant();
            return true;
        }
    }
}
