using System;
using System.Globalization;
using ContactsModule.Input;

namespace ContactsModule.Conversion
{
    /// <summary>Reads a date-of-birth cell into the API's canonical <c>yyyy-MM-dd</c>.</summary>
    /// <remarks>
    /// The date is read by <see cref="DateText"/> (year first; -DateFormat; dotted day-first; slashed or dashed by
    /// the row's country, month-first without one; English month names; a time part changes nothing), never by the
    /// machine's culture. Two-digit years are refused. The date must be 1900-01-01 or later and not in the future
    /// ("today" is the latest date anywhere on Earth, UTC+14, so a birthday entered today somewhere is never refused).
    /// Blank input is "not given": true with a null result.
    /// </remarks>
    internal static class DateOfBirthText
    {
        /// <summary>
        /// Reads <paramref name="input"/> as a date of birth of a row without a country and gives it as yyyy-MM-dd.
        /// Reasons: "is not a date the API accepts. Use YYYY-MM-DD (1990-09-25) or MM/DD/YYYY (09/25/1990).",
        /// "is not a real date.", "has a two-digit year. Write the year in full (MM/DD/YYYY or YYYY-MM-DD).",
        /// "is in the future.", "is before 1900."
        /// </summary>
        public static bool TryParse(object input, out string canonical, out string reason) =>
            TryParse(input, DateTime.UtcNow.AddHours(14).Date, out canonical, out reason);

        /// <summary>As <see cref="TryParse(object, out string, out string)"/> with a given "today" (for tests).</summary>
        internal static bool TryParse(object input, DateTime today, out string canonical, out string reason) =>
            TryParse(input, null, null, today, out canonical, out reason, out _, out _);

        /// <summary>With the row's country (or the default one) and -DateFormat; <paramref name="note"/> is what to say once.</summary>
        internal static bool TryParse(object input, string region, string[] formats, DateTime today, out string canonical, out string reason,
            out DateNoteKind? note, out string noteText)
        {
            canonical = null;
            if (!DateText.TryRead(input, region, formats, out var date, out reason, out note, out noteText)) return false;
            if (date == null) return true;
            if (date.Value.Year < 1900)
            {
                reason = "is before 1900.";
                note = null;
                return false;
            }
            if (date.Value > today.Date)
            {
                reason = "is in the future.";
                note = null;
                return false;
            }
            canonical = date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }

        internal static DateTime Today => DateTime.UtcNow.AddHours(14).Date;
    }
}
