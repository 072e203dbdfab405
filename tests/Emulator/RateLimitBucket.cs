namespace ContactsEmulator;

/// <summary>Request timestamps of one (token, location) within the burst window, plus today's count.</summary>
public sealed class RateLimitBucket
{
    public Queue<long> WindowTimestamps { get; } = new();
    public DateOnly Day { get; set; }
    public int DailyCount { get; set; }
}
