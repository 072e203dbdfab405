using System;

namespace ContactsModule.Conversion
{
    /// <summary>Checks and tidies an e-mail cell.</summary>
    /// <remarks>
    /// The address is trimmed, a leading "mailto:" is dropped, the domain is lower-cased and the
    /// local part is kept as written (it is case-sensitive in principle). A display name is dropped
    /// ("Bob &lt;bob@example.com&gt;" gives bob@example.com); a cell with two addresses is refused.
    /// Checked: exactly one @; no spaces or stray angle brackets; a local part of 1-64 characters from the usual set (letters, digits and
    /// !#$%&amp;'*+/=?^_`{|}~.- , no leading, trailing or double dot, no quoted local parts); a dotted
    /// domain whose top-level label is letters (see <see cref="HostName.IsDomain"/>).
    /// Blank input is "not given": true with a null address.
    /// </remarks>
    internal static class EmailAddressText
    {
        private const string AllowedLocalSymbols = "!#$%&'*+/=?^_`{|}~.-";

        // "Jane Doe <jane@example.com>", "\"Doe, Jane\" <jane@example.com>", "<jane@example.com>": the address inside.
        private static readonly System.Text.RegularExpressions.Regex DisplayName = new System.Text.RegularExpressions.Regex(
            @"^(?:""[^""]*""|[^<>""@]*)\s*<(?<address>[^<>]+)>$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        // Something@domain.tld, as often as it appears: two of them are two addresses.
        private static readonly System.Text.RegularExpressions.Regex SeveralAddresses = new System.Text.RegularExpressions.Regex(
            @"[^\s,;<>""@]+@[^\s,;<>""@]+\.[^\s,;<>""@]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// Reasons: "contains spaces.", "holds 2 e-mail addresses (...). ...", "has angle brackets. Give the address alone (name@example.com).",
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

            var addresses = SeveralAddresses.Matches(text);
            if (addresses.Count > 1)
            {
                var found = new System.Collections.Generic.List<string>();
                foreach (System.Text.RegularExpressions.Match match in addresses) found.Add(match.Value);
                reason = "holds " + addresses.Count + " e-mail addresses (" + string.Join(", ", found) +
                         "). A contact has one e-mail: keep one in the cell (HighLevel's create call does not take additional e-mails).";
                return false;
            }
            var named = DisplayName.Match(text);
            if (named.Success) text = named.Groups["address"].Value.Trim();

            if (text.IndexOf('<') >= 0 || text.IndexOf('>') >= 0)
            {
                reason = "has angle brackets. Give the address alone (name@example.com).";
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
