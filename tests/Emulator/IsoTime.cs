using System.Globalization;

namespace ContactsEmulator;

/// <summary>Formats instants the way HighLevel does: ISO 8601 UTC with milliseconds and a Z.</summary>
public static class IsoTime
{
    public static string Format(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static long ToEpochMs(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>Current UTC time truncated to whole milliseconds, so stored and emitted values agree.</summary>
    public static DateTime NowMs()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static bool TryParse(string text, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto);
        utc = ok ? dto.UtcDateTime : default;
        return ok;
    }
}
