using System;
using System.Collections.Generic;
using System.Globalization;

namespace ContactsModule.Api
{
    /// <summary>
    /// Checks that a path given to Invoke-ContactsApiRequest stays under the connection's base URI: no scheme, no
    /// "//host", no backslash, no "." or ".." segment (plain or %-encoded), no fragment. The token goes only where the
    /// connection points.
    /// </summary>
    internal static class RawApiPath
    {
        /// <summary>
        /// Splits a checked path into "/path" and its query pairs; false with the reason when the path is refused.
        /// </summary>
        public static bool TryParse(string text, out string path, out List<KeyValuePair<string, string>> query, out string refusal)
        {
            path = null;
            query = new List<KeyValuePair<string, string>>();
            refusal = Check(text);
            if (refusal != null) return false;

            string trimmed = text.Trim();
            int mark = trimmed.IndexOf('?');
            path = mark < 0 ? trimmed : trimmed.Substring(0, mark);
            if (!path.StartsWith("/", StringComparison.Ordinal)) path = "/" + path;
            if (mark >= 0) query.AddRange(ParseQuery(trimmed.Substring(mark + 1)));
            return true;
        }

        /// <summary>Null when the path is acceptable, else why it is not.</summary>
        public static string Check(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return "the path is empty.";
            string trimmed = text.Trim();
            foreach (char c in trimmed)
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                    return "the path contains a space or control character; URL-encode it (a space is %20).";
            }
            if (trimmed.IndexOf('\\') >= 0)
                return "the path contains a backslash; write it with / (a backslash can make a URL point to another host).";
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
                return "the path starts with //, which names another host; give a path such as /contacts/{contactId}/notes.";
            int colon = trimmed.IndexOf(':');
            int end = IndexOfAny(trimmed, '/', '?');
            if (colon >= 0 && (end < 0 || colon < end))
                return "the path starts with a scheme or host (" + Shorten(trimmed) + "); only a path relative to the connection's base URI is sent, such as /contacts/{contactId}/notes.";
            if (trimmed.IndexOf('#') >= 0) return "the path contains '#'; a fragment is never sent to a server.";

            int mark = trimmed.IndexOf('?');
            string pathPart = mark < 0 ? trimmed : trimmed.Substring(0, mark);
            foreach (var segment in pathPart.Split('/'))
            {
                string decoded;
                try
                {
                    decoded = Uri.UnescapeDataString(segment);
                }
                catch (UriFormatException)
                {
                    return "the path has an invalid %-escape in '" + segment + "'.";
                }
                if (decoded == "." || decoded == "..")
                    return "the path contains a '" + decoded + "' segment; give the path from the base URI without . or .. segments.";
            }
            return null;
        }

        /// <summary>
        /// The path and query of an absolute URL (a nextPageUrl) relative to <paramref name="baseUri"/>; null with the
        /// reason when it is on another scheme, host or port, or outside the base path.
        /// </summary>
        public static string RelativeTo(Uri baseUri, string absoluteUrl, out string refusal)
        {
            refusal = null;
            if (!Uri.TryCreate(absoluteUrl, UriKind.Absolute, out var next) ||
                (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
            {
                refusal = "it is not an http(s) URL";
                return null;
            }
            if (!string.Equals(next.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(next.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) ||
                next.Port != baseUri.Port)
            {
                refusal = "it points to " + next.GetLeftPart(UriPartial.Authority) + ", not to the connection's " + baseUri.GetLeftPart(UriPartial.Authority);
                return null;
            }
            if (!string.IsNullOrEmpty(next.UserInfo))
            {
                refusal = "it carries user information";
                return null;
            }
            string basePath = baseUri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? baseUri.AbsolutePath : baseUri.AbsolutePath + "/";
            string nextPath = next.AbsolutePath;
            if (!nextPath.StartsWith(basePath, StringComparison.Ordinal) && nextPath + "/" != basePath)
            {
                refusal = "its path " + nextPath + " is outside the connection's base path " + basePath;
                return null;
            }
            string relative = "/" + nextPath.Substring(Math.Min(nextPath.Length, basePath.Length)) + next.Query;
            string problem = Check(relative);
            if (problem != null)
            {
                refusal = problem;
                return null;
            }
            return relative;
        }

        /// <summary>The absolute URI a checked path resolves to; throws when it would leave the base URI (never expected).</summary>
        public static Uri Resolve(Uri baseUri, string pathAndQuery)
        {
            var uri = new Uri(baseUri, pathAndQuery.TrimStart('/'));
            if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), baseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase) ||
                !uri.AbsolutePath.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The path " + pathAndQuery + " resolves outside the connection's base URI.");
            }
            return uri;
        }

        private static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
        {
            foreach (var part in query.Split('&'))
            {
                if (part.Length == 0) continue;
                int equals = part.IndexOf('=');
                string name = equals < 0 ? part : part.Substring(0, equals);
                string value = equals < 0 ? null : part.Substring(equals + 1);
                yield return new KeyValuePair<string, string>(Decode(name), value == null ? null : Decode(value));
            }
        }

        // '+' stays '+' (sent again as %2B): HighLevel asks for phone numbers such as +1555... encoded that way.
        private static string Decode(string text) => Uri.UnescapeDataString(text);

        private static int IndexOfAny(string text, params char[] chars) => text.IndexOfAny(chars);

        private static string Shorten(string text) =>
            text.Length > 60 ? text.Substring(0, 60).ToString(CultureInfo.InvariantCulture) + "..." : text;
    }
}
