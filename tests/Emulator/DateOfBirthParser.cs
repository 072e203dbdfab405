using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactsEmulator;

/// <summary>
/// Parses the birth-date formats HighLevel documents (YYYY/MM/DD, MM/DD/YYYY, YYYY-MM-DD, MM-DD-YYYY,
/// YYYY.MM.DD, MM.DD.YYYY, YYYY_MM_DD, MM_DD_YYYY) plus a full ISO date-time, to a UTC midnight.
/// </summary>
public static partial class DateOfBirthParser
{
    [GeneratedRegex(@"^(\d{4})([/\-._])(\d{1,2})\2(\d{1,2})$")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(\d{1,2})([/\-._])(\d{1,2})\2(\d{4})$")]
    private static partial Regex MonthFirst();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T")]
    private static partial Regex IsoDateTime();

    public static bool TryParse(string text, out DateTime date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();

        var match = YearFirst().Match(text);
        if (match.Success) return TryBuild(match.Groups[1].Value, match.Groups[3].Value, match.Groups[4].Value, out date);

        match = MonthFirst().Match(text);
        if (match.Success) return TryBuild(match.Groups[4].Value, match.Groups[1].Value, match.Groups[3].Value, out date);

        if (IsoDateTime().IsMatch(text) && IsoTime.TryParse(text, out var instant))
        {
            date = new DateTime(instant.Year, instant.Month, instant.Day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }
        return false;
    }

    private static bool TryBuild(string year, string month, string day, out DateTime date)
    {
        date = default;
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc);
        return true;
    }
}
