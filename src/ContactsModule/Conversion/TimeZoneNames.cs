using System;
using System.Collections.Generic;
using System.Linq;
using TimeZoneConverter;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Resolves a time zone cell to the IANA id the API's <c>timezone</c> field takes.
    /// </summary>
    /// <remarks>
    /// Accepts any IANA id TimeZoneConverter knows, case-insensitively, with spaces allowed for
    /// underscores ("america/new york" -> "America/New_York"); links such as "US/Eastern" are returned
    /// as themselves in their canonical spelling. Otherwise accepts a Windows id ("Eastern Standard
    /// Time" -> "America/New_York", the zone for the Windows id's default territory).
    /// Thread-safe: the tables are built once and only read afterwards.
    /// </remarks>
    internal static class TimeZoneNames
    {
        private static readonly Dictionary<string, string> IanaByUpper;

        static TimeZoneNames()
        {
            var ids = TZConvert.KnownIanaTimeZoneNames.OrderBy(x => x, StringComparer.Ordinal).ToArray();
            IanaIds = Array.AsReadOnly(ids);
            IanaByUpper = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var id in ids) IanaByUpper[id] = id;
        }

        /// <summary>Every IANA id TimeZoneConverter knows, ordinal order (for tab completion).</summary>
        public static IReadOnlyList<string> IanaIds { get; }

        /// <summary>
        /// Resolves an IANA or Windows id to a canonically spelled IANA id.
        /// Blank input is "not given": true with a null id.
        /// Reason: "is not a known IANA time zone (such as America/New_York) or Windows time zone id."
        /// </summary>
        public static bool TryResolve(string input, out string iana, out string reason)
        {
            iana = null;
            reason = null;
            var text = CellText.Clean(input);
            if (text == null) return true;

            if (IanaByUpper.TryGetValue(text, out iana)) return true;
            if (text.IndexOf(' ') >= 0 && text.IndexOf('/') >= 0 && IanaByUpper.TryGetValue(text.Replace(' ', '_'), out iana)) return true;

            if (TZConvert.TryWindowsToIana(text, out var fromWindows) && IanaByUpper.TryGetValue(fromWindows, out iana))
                return true;

            iana = null;
            reason = "is not a known IANA time zone (such as America/New_York) or Windows time zone id.";
            return false;
        }
    }
}
