using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactsModule.Conversion
{
    /// <summary>Reads a date-of-birth cell into the API's canonical <c>yyyy-MM-dd</c>.</summary>
    /// <remarks>
    /// Accepted, culture-invariant:
    /// <list type="bullet">
    /// <item>a DateTime or DateTimeOffset (its date as written; no time zone conversion);</item>
    /// <item>year first, the formats the API's OpenAPI lists for dateOfBirth: YYYY-MM-DD, YYYY/MM/DD,
    /// YYYY.MM.DD, YYYY_MM_DD, also with a time after it (full ISO 8601 such as
    /// "1990-09-25T00:00:00.000Z", whose date is taken as written);</item>
    /// <item>month first, as the API lists: MM/DD/YYYY, MM-DD-YYYY, MM.DD.YYYY, MM_DD_YYYY (one- or
    /// two-digit month and day, optionally followed by a time, as spreadsheets export);</item>
    /// <item>English month names: "Jan 5 1990", "January 5, 1990", "5 Jan 1990", "05-Jan-1990",
    /// "1990 Jan 5";</item>
    /// <item>YYYYMMDD.</item>
    /// </list>
    /// Ambiguity: with the year last, the order is always month/day as in the API's formats, so
    /// "04/05/1990" is April 5th. A year-last date whose first number cannot be a month but whose
    /// second can ("25/09/1990") is refused as day-first rather than silently swapped: a file that
    /// has one of those probably has ambiguous day-first dates too. Two-digit years are refused.
    /// The date must exist, be 1900-01-01 or later, and not be in the future ("today" is the latest
    /// date anywhere on Earth, UTC+14, so a birthday entered today somewhere is never refused).
    /// Blank input is "not given": true with a null result.
    /// </remarks>
    public static class DateOfBirthText
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

        private const string TimePart = @"(?:(?:T|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?|[AP]\.?M\.?)?)?";

        private static readonly Regex YearFirst = new Regex(@"^(?<y>[0-9]{4})(?<s>[-/._])(?<m>[0-9]{1,2})\k<s>(?<d>[0-9]{1,2})" + TimePart + "$", Options);
        private static readonly Regex YearLast = new Regex(@"^(?<a>[0-9]{1,2})(?<s>[-/._])(?<b>[0-9]{1,2})\k<s>(?<y>[0-9]{4})" + TimePart + "$", Options);
        private static readonly Regex TwoDigitYear = new Regex(@"^[0-9]{1,2}(?<s>[-/._])[0-9]{1,2}\k<s>[0-9]{2}" + TimePart + "$", Options);
        private static readonly Regex Compact = new Regex(@"^(?<y>[0-9]{4})(?<m>[0-9]{2})(?<d>[0-9]{2})$", Options);
        private static readonly Regex MonthNameFirst = new Regex(@"^(?<mon>\p{L}+)\.?[\s-]+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?[\s-]+(?<y>[0-9]{4})$", Options);
        private static readonly Regex DayFirstMonthName = new Regex(@"^(?<d>[0-9]{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?<mon>\p{L}+)\.?,?[\s-]+(?<y>[0-9]{4})$", Options);
        private static readonly Regex YearFirstMonthName = new Regex(@"^(?<y>[0-9]{4})[\s-]+(?<mon>\p{L}+)\.?[\s-]+(?<d>[0-9]{1,2})$", Options);

        private static readonly string[] MonthNames =
        {
            "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december",
        };

        private const string UnknownFormat = "is not a date the API accepts. Use YYYY-MM-DD (1990-09-25) or MM/DD/YYYY (09/25/1990).";

        /// <summary>
        /// Reads <paramref name="input"/> as a date of birth and gives it as yyyy-MM-dd.
        /// Reasons: "is not a date the API accepts. Use YYYY-MM-DD (1990-09-25) or MM/DD/YYYY (09/25/1990).",
        /// "is not a real date.", "looks like a day-first date, but the API reads MM/DD/YYYY. Write it as YYYY-MM-DD.",
        /// "has a two-digit year. Write the year in full (MM/DD/YYYY or YYYY-MM-DD).",
        /// "is in the future.", "is before 1900."
        /// </summary>
        public static bool TryParse(object input, out string canonical, out string reason) =>
            TryParse(input, DateTime.UtcNow.AddHours(14).Date, out canonical, out reason);

        /// <summary>As <see cref="TryParse(object, out string, out string)"/> with a given "today" (for tests).</summary>
        internal static bool TryParse(object input, DateTime today, out string canonical, out string reason)
        {
            canonical = null;
            reason = null;

            switch (input)
            {
                case DateTime dt:
                    return Check(dt.Year, dt.Month, dt.Day, today, out canonical, out reason);
                case DateTimeOffset dto:
                    return Check(dto.Year, dto.Month, dto.Day, today, out canonical, out reason);
            }

            var text = CellText.Clean(input);
            if (text == null) return true;

            Match m;
            if ((m = YearFirst.Match(text)).Success || (m = Compact.Match(text)).Success)
                return Check(Int(m, "y"), Int(m, "m"), Int(m, "d"), today, out canonical, out reason);

            if ((m = YearLast.Match(text)).Success)
            {
                int a = Int(m, "a"), b = Int(m, "b");
                if (a > 12 && b >= 1 && b <= 12 && a <= 31)
                {
                    reason = "looks like a day-first date, but the API reads MM/DD/YYYY. Write it as YYYY-MM-DD.";
                    return false;
                }
                return Check(Int(m, "y"), a, b, today, out canonical, out reason);
            }

            if (TwoDigitYear.IsMatch(text))
            {
                reason = "has a two-digit year. Write the year in full (MM/DD/YYYY or YYYY-MM-DD).";
                return false;
            }

            if ((m = MonthNameFirst.Match(text)).Success || (m = DayFirstMonthName.Match(text)).Success || (m = YearFirstMonthName.Match(text)).Success)
            {
                var month = MonthFromName(m.Groups["mon"].Value);
                if (month == 0)
                {
                    reason = UnknownFormat;
                    return false;
                }
                return Check(Int(m, "y"), month, Int(m, "d"), today, out canonical, out reason);
            }

            reason = UnknownFormat;
            return false;
        }

        private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

        /// <summary>1-12 for an English month name or its abbreviation of 3+ letters ("Sep", "Sept", "September"); else 0.</summary>
        private static int MonthFromName(string token)
        {
            var t = token.ToLowerInvariant();
            if (t.Length < 3) return 0;
            for (int i = 0; i < MonthNames.Length; i++)
            {
                if (MonthNames[i].StartsWith(t, StringComparison.Ordinal)) return i + 1;
            }
            return 0;
        }

        private static bool Check(int year, int month, int day, DateTime today, out string canonical, out string reason)
        {
            canonical = null;
            reason = null;
            if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                reason = "is not a real date.";
                return false;
            }
            var date = new DateTime(year, month, day);
            if (year < 1900)
            {
                reason = "is before 1900.";
                return false;
            }
            if (date > today.Date)
            {
                reason = "is in the future.";
                return false;
            }
            canonical = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }
    }
}
