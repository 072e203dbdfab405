namespace ContactsEmulator;

/// <summary>The rate-limit state reported in the X-RateLimit-* headers of one response.</summary>
public sealed record RateLimitSnapshot(bool Allowed, int Max, int Remaining, int IntervalMs, int DailyLimit, int DailyRemaining)
{
    public RateLimitSnapshot Exhausted() => this with { Allowed = false, Remaining = 0 };
}
