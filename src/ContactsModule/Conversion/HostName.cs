using System;

namespace ContactsModule.Conversion
{
    /// <summary>Domain name checks shared by <see cref="WebsiteText"/> and <see cref="EmailAddressText"/>.</summary>
    internal static class HostName
    {
        /// <summary>
        /// True for a dotted domain name: labels of 1-63 letters, digits or hyphens (letters may be
        /// non-ASCII, for internationalised names), no label starting or ending with a hyphen, at least
        /// two labels, and a top-level label of 2+ letters (or an "xn--" punycode label), so IP
        /// addresses and "localhost" are not domains. Expects lower or mixed case, no trailing dot.
        /// </summary>
        internal static bool IsDomain(string host)
        {
            if (string.IsNullOrEmpty(host) || host.Length > 253) return false;
            var labels = host.Split('.');
            if (labels.Length < 2) return false;
            foreach (var label in labels)
            {
                if (label.Length == 0 || label.Length > 63) return false;
                if (label[0] == '-' || label[label.Length - 1] == '-') return false;
                foreach (var ch in label)
                {
                    if (ch == '-') continue;
                    if (ch < 128 ? !IsAsciiLetterOrDigit(ch) : !char.IsLetterOrDigit(ch)) return false;
                }
            }

            var tld = labels[labels.Length - 1];
            if (tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)) return true;
            if (tld.Length < 2) return false;
            foreach (var ch in tld)
            {
                if (!char.IsLetter(ch)) return false;
            }
            return true;
        }

        private static bool IsAsciiLetterOrDigit(char ch) =>
            (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    }
}
