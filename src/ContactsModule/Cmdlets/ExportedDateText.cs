using System;
using System.Globalization;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// Reads back a date that Export-Csv wrote. Export-Csv prints a DateTime with the session's culture and its
    /// general ("G") pattern: "09/25/1990 00:00:00" (invariant), "9/25/1990 12:00:00 AM" (en-US),
    /// "25.09.1990 00:00:00" (de-DE), "25/09/1990 00:00:00" (en-GB). The converters read dates culture-invariantly
    /// and refuse day-first dates, so a contact exported on a day-first system would not import back. Only the
    /// culture's full date-and-time pattern is taken here (a bare "25/09/1990" typed by hand still goes to the
    /// strict reader), so this recognises what PowerShell itself wrote and nothing looser.
    /// </summary>
    internal static class ExportedDateText
    {
        public static object Normalize(object value, CultureInfo culture)
        {
            if (!(value is string text) || string.IsNullOrWhiteSpace(text)) return value;
            text = text.Trim();
            if (DateTime.TryParseExact(text, culture.DateTimeFormat.GetAllDateTimePatterns('G'), culture, DateTimeStyles.None, out var date))
                return date;
            return value;
        }
    }
}
