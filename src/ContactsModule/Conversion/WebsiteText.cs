using System;

namespace ContactsModule.Conversion
{
    /// <summary>Reads a website cell into an absolute http or https URL.</summary>
    /// <remarks>
    /// "example.com" and "www.example.com/path" gain "https://"; "//example.com" gains "https:".
    /// The scheme and host are lower-cased; port, path, query and fragment are kept as written (no
    /// trailing slash is added). Refused: spaces, schemes other than http and https, user names or
    /// passwords in the URL (and so e-mail addresses), and hosts that are not dotted domain names
    /// (IP addresses and "localhost" are refused: a contact's website is public).
    /// Blank input is "not given": true with a null URL.
    /// </remarks>
    internal static class WebsiteText
    {
        /// <summary>
        /// Reasons: "contains spaces.", "is not an http or https address.", "looks like an e-mail address, not a website.",
        /// "is not a website address. Use a domain such as www.example.com."
        /// </summary>
        public static bool TryNormalize(string input, out string url, out string reason)
        {
            url = null;
            reason = null;
            var text = CellText.Clean(input);
            if (text == null) return true;

            foreach (var ch in text)
            {
                if (char.IsWhiteSpace(ch))
                {
                    reason = "contains spaces.";
                    return false;
                }
            }

            string scheme;
            string rest;
            var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd >= 0)
            {
                scheme = text.Substring(0, schemeEnd).ToLowerInvariant();
                rest = text.Substring(schemeEnd + 3);
                if (scheme != "http" && scheme != "https")
                {
                    reason = "is not an http or https address.";
                    return false;
                }
            }
            else if (text.StartsWith("//", StringComparison.Ordinal))
            {
                scheme = "https";
                rest = text.Substring(2);
            }
            else
            {
                var colon = text.IndexOf(':');
                var slash = text.IndexOfAny(new[] { '/', '?', '#' });
                // "mailto:x", "ftp:x", "javascript:x": a scheme without "//" (a port comes after a dot: "example.com:8080").
                if (colon > 0 && (slash < 0 || colon < slash) && text.Substring(0, colon).IndexOf('.') < 0 && !IsAllDigits(text, colon + 1, slash < 0 ? text.Length : slash))
                {
                    reason = text.IndexOf('@') >= 0 ? "looks like an e-mail address, not a website." : "is not an http or https address.";
                    return false;
                }
                scheme = "https";
                rest = text;
            }

            var authorityEnd = rest.IndexOfAny(new[] { '/', '?', '#' });
            var authority = authorityEnd < 0 ? rest : rest.Substring(0, authorityEnd);
            var tail = authorityEnd < 0 ? "" : rest.Substring(authorityEnd);

            if (authority.IndexOf('@') >= 0)
            {
                reason = "looks like an e-mail address, not a website.";
                return false;
            }

            var host = authority;
            var port = "";
            var portStart = authority.LastIndexOf(':');
            if (portStart >= 0)
            {
                host = authority.Substring(0, portStart);
                port = authority.Substring(portStart);
                if (port.Length < 2 || !IsAllDigits(port, 1, port.Length) || port.Length > 6 || int.Parse(port.Substring(1)) > 65535)
                {
                    reason = "is not a website address. Use a domain such as www.example.com.";
                    return false;
                }
            }
            if (host.EndsWith(".", StringComparison.Ordinal)) host = host.Substring(0, host.Length - 1);

            if (!HostName.IsDomain(host))
            {
                reason = "is not a website address. Use a domain such as www.example.com.";
                return false;
            }

            var candidate = scheme + "://" + host.ToLowerInvariant() + port + tail;
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out _))
            {
                reason = "is not a website address. Use a domain such as www.example.com.";
                return false;
            }

            url = candidate;
            return true;
        }

        private static bool IsAllDigits(string s, int start, int end)
        {
            if (end <= start) return false;
            for (int i = start; i < end; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
            }
            return true;
        }
    }
}
