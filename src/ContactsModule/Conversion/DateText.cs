using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using ContactsModule.Input;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Reads a calendar date from a cell, one way, from the data and never from the machine's culture:
    /// <list type="number">
    /// <item>year first (ISO 8601 "1985-04-03", "1985/04/03", "1985.04.03", "19850403"), with or without a time;</item>
    /// <item>the -DateFormat formats, when given ('dd/MM/yyyy'); a year-last number date that fits none is refused;</item>
    /// <item>a dotted date ("03.04.1985") is day-first;</item>
    /// <item>a slashed or dashed date ("03/04/1985") is read by the row's country: month-first for the United States
    /// (and its territories), the Philippines, Micronesia, the Marshall Islands and Palau, day-first elsewhere;
    /// with no country month-first, as HighLevel documents, and a date that could be read either way is noted;</item>
    /// <item>English month names ("Apr 3 1985", "3 April 1985").</item>
    /// </list>
    /// A time after the date changes nothing; an all-zero date (Outlook's 0/0/00) is "not given". A year-last date impossible in the order chosen but possible in the other
    /// ("25/09/1985" without a country) is read the only way it can be, and noted; one impossible either way is refused.
    /// </summary>
    internal static class DateText
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

        private const string TimePart = @"(?:(?:T|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?|[AP]\.?M\.?)?)?";

        private static readonly Regex YearFirst = new Regex(@"^(?<y>[0-9]{4})(?<s>[-/._])(?<m>[0-9]{1,2})\k<s>(?<d>[0-9]{1,2})" + TimePart + "$", Options);
        private static readonly Regex YearLast = new Regex(@"^(?<a>[0-9]{1,2})(?<s>[-/._])(?<b>[0-9]{1,2})\k<s>(?<y>[0-9]{4})" + TimePart + "$", Options);
        private static readonly Regex TrailingTime = new Regex(@"(?:T|\s+)[0-9]{1,2}:[0-9]{2}.*$", Options);
        private static readonly Regex TwoDigitYear = new Regex(@"^[0-9]{1,2}(?<s>[-/._])[0-9]{1,2}\k<s>[0-9]{2}" + TimePart + "$", Options);
        // Outlook's export writes 0/0/00 for a contact without a birthday: not given.
        private static readonly Regex NoDate = new Regex(@"^0{1,2}(?<s>[-/.])0{1,2}\k<s>(?:0{2}|0{4})" + TimePart + "$", Options);
        private static readonly Regex Compact = new Regex(@"^(?<y>[0-9]{4})(?<m>[0-9]{2})(?<d>[0-9]{2})$", Options);
        private static readonly Regex MonthNameFirst = new Regex(@"^(?<mon>\p{L}+)\.?[\s-]+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?[\s-]+(?<y>[0-9]{4})" + TimePart + "$", Options);
        private static readonly Regex DayFirstMonthName = new Regex(@"^(?<d>[0-9]{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?<mon>\p{L}+)\.?,?[\s-]+(?<y>[0-9]{4})" + TimePart + "$", Options);
        private static readonly Regex YearFirstMonthName = new Regex(@"^(?<y>[0-9]{4})[\s-]+(?<mon>\p{L}+)\.?[\s-]+(?<d>[0-9]{1,2})$", Options);

        private static readonly HashSet<string> MonthFirstRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW",
        };

        private static readonly string[] MonthNames =
        {
            "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december",
        };

        public const string UnknownFormat = "is not a date the API accepts. Use YYYY-MM-DD (1990-09-25) or MM/DD/YYYY (09/25/1990).";
        public const string NotReal = "is not a real date.";
        public const string TwoDigitYearReason = "has a two-digit year. Write the year in full (MM/DD/YYYY or YYYY-MM-DD).";

        /// <summary>The order of a slashed or dashed date of a country (two-letter code).</summary>
        public static DateOrder OrderFor(string region) => MonthFirstRegions.Contains(region) ? DateOrder.MonthFirst : DateOrder.DayFirst;

        /// <summary>A -DateFormat must name a day, a month and a year, and read back what it writes.</summary>
        public static bool IsUsableFormat(string format, out string reason)
        {
            reason = null;
            string text = CellText.Clean(format);
            if (text == null || text.IndexOf('d') < 0 || text.IndexOf('M') < 0 || text.IndexOf('y') < 0)
            {
                reason = "is not a date format with a day (d), a month (M) and a year (y), such as 'dd/MM/yyyy'.";
                return false;
            }
            try
            {
                var sample = new DateTime(1985, 4, 23);
                string written = sample.ToString(text, CultureInfo.InvariantCulture);
                if (DateTime.TryParseExact(written, text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back.Date == sample) return true;
            }
            catch (FormatException)
            {
            }
            reason = "is not a .NET date format that reads back what it writes. Use one such as 'dd/MM/yyyy' or 'd.M.yyyy'.";
            return false;
        }

        /// <summary>
        /// Reads <paramref name="input"/> (text, DateTime or DateTimeOffset). <paramref name="region"/> is the row's
        /// country or the default one (null: none); <paramref name="formats"/> is -DateFormat (null: none).
        /// Blank input: true with a null date. A <paramref name="note"/> says what to tell the user once.
        /// </summary>
        public static bool TryRead(object input, string region, string[] formats, out DateTime? date, out string reason, out DateNoteKind? note, out string noteText)
        {
            date = null;
            reason = null;
            note = null;
            noteText = null;
            switch (input)
            {
                case DateTime dt:
                    date = dt.Date;
                    return true;
                case DateTimeOffset dto:
                    date = new DateTime(dto.Year, dto.Month, dto.Day);
                    return true;
            }

            var text = CellText.Clean(input);
            if (text == null || NoDate.IsMatch(text)) return true;

            Match m;
            if ((m = YearFirst.Match(text)).Success || (m = Compact.Match(text)).Success)
                return Make(Int(m, "y"), Int(m, "m"), Int(m, "d"), out date, out reason);

            bool yearLast = (m = YearLast.Match(text)).Success;
            if (formats != null && formats.Length > 0)
            {
                if (TryFormats(text, formats, out var exact))
                {
                    date = exact;
                    return true;
                }
                if (yearLast || TwoDigitYear.IsMatch(text))
                {
                    reason = "does not fit -DateFormat '" + string.Join("' or '", formats) + "' (or is not a real date in that order).";
                    return false;
                }
            }

            if (yearLast)
            {
                int a = Int(m, "a"), b = Int(m, "b"), y = Int(m, "y");
                bool dotted = m.Groups["s"].Value == ".";
                string regionCode = CellText.Clean(region)?.ToUpperInvariant();
                DateOrder order = dotted ? DateOrder.DayFirst : regionCode != null ? OrderFor(regionCode) : DateOrder.MonthFirst;
                int month = order == DateOrder.MonthFirst ? a : b, day = order == DateOrder.MonthFirst ? b : a;
                if (IsReal(y, month, day))
                {
                    Make(y, month, day, out date, out reason);
                    if (!dotted && regionCode == null && a <= 12 && b <= 12 && a != b)
                    {
                        note = DateNoteKind.AmbiguousWithoutCountry;
                        noteText = "could be read either way; a row without a country is read month-first (MM/DD/YYYY), as HighLevel documents, so it was read as " +
                                   Iso(date.Value) + ". If the file's dates are day-first, pass -DateFormat 'dd/MM/yyyy' or -DefaultCountry (or give the rows a Country).";
                    }
                    return true;
                }
                if (IsReal(y, day, month))
                {
                    Make(y, day, month, out date, out reason);
                    string why = dotted ? "as dotted dates are read" : regionCode == null ? "as rows without a country are read" : "as rows of " + regionCode + " are read";
                    note = DateNoteKind.ReadInOtherOrder;
                    noteText = "is not a real date " + (order == DateOrder.MonthFirst ? "month-first" : "day-first") + " (" + why + "), so it was read " +
                               (order == DateOrder.MonthFirst ? "day-first" : "month-first") + " as " + Iso(date.Value) +
                               ". To set the order for the whole file, pass -DateFormat ('dd/MM/yyyy' or 'MM/dd/yyyy').";
                    return true;
                }
                reason = NotReal;
                return false;
            }

            if (TwoDigitYear.IsMatch(text))
            {
                reason = TwoDigitYearReason;
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
                return Make(Int(m, "y"), month, Int(m, "d"), out date, out reason);
            }

            reason = UnknownFormat;
            return false;
        }

        private static bool TryFormats(string text, string[] formats, out DateTime date)
        {
            var styles = DateTimeStyles.AllowWhiteSpaces;
            if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, styles, out date)) { date = date.Date; return true; }
            string withoutTime = TrailingTime.Replace(text, string.Empty);
            if (withoutTime != text && DateTime.TryParseExact(withoutTime, formats, CultureInfo.InvariantCulture, styles, out date)) { date = date.Date; return true; }
            return false;
        }

        private static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

        private static bool IsReal(int year, int month, int day) =>
            year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

        private static bool Make(int year, int month, int day, out DateTime? date, out string reason)
        {
            date = null;
            reason = null;
            if (!IsReal(year, month, day))
            {
                reason = NotReal;
                return false;
            }
            date = new DateTime(year, month, day);
            return true;
        }

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
    }
}
