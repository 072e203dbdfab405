using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactsModule.Api
{
    /// <summary>HighLevel's Version header values: which ones this module was tested with, and what a refusal looks like.</summary>
    internal static class ApiVersionText
    {
        /// <summary>The dated versions the cmdlets read and write the shapes of (the published contacts files list 2021-07-28).</summary>
        public static readonly string[] Tested = { "2021-07-28", "2021-04-15", "2023-02-21" };

        /// <summary>The newest tested dated version: a later date is accepted with a warning.</summary>
        public const string NewestTested = "2023-02-21";

        private static readonly Regex Dated = new Regex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant);
        private static readonly Regex Named = new Regex(@"^v\d{1,3}$", RegexOptions.CultureInvariant);
        private static readonly Regex Refusal = new Regex(
            @"\bversion\b.*\b(retired|not supported|unsupported|unknown|invalid|not valid|no longer|deprecated|sunset|must be one of)\b|\b(retired|unsupported|unknown|invalid)\b.*\bversion\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

        public static bool IsTested(string version) => Array.IndexOf(Tested, version) >= 0;

        /// <summary>A real calendar date written yyyy-MM-dd.</summary>
        public static bool IsDate(string version) =>
            version != null && Dated.IsMatch(version) &&
            DateTime.TryParseExact(version, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

        /// <summary>A dated version later than the newest tested one.</summary>
        public static bool IsLaterDate(string version) =>
            IsDate(version) && string.CompareOrdinal(version, NewestTested) > 0;

        /// <summary>"v3" and the like: HighLevel's named versions.</summary>
        public static bool IsNamed(string version) => version != null && Named.IsMatch(version);

        /// <summary>True when a 400's message says the Version header's value was refused (retired, unknown, unsupported).</summary>
        public static bool IsRefusal(string serverMessage) =>
            !string.IsNullOrEmpty(serverMessage) && Refusal.IsMatch(serverMessage);
    }
}
