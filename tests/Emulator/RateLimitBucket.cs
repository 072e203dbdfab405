namespace ContactsEmulator;

/// <summary>Request timestamps of one burst key within the burst window; or, for a daily key, today's count.</summary>
public sealed class RateLimitBucket
{
    public Queue<long> WindowTimestamps { get; } = new();
    public DateOnly Day { get; set; }
    public int DailyCount { get; set; }
}
