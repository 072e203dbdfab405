using System.Diagnostics;

namespace ContactsEmulator;

/// <summary>
/// HighLevel's limits per (token, location): a sliding window of burstLimit requests per burstWindowMs, and a
/// daily limit (UTC day). A request rejected with 429 is not counted, so a client that backs off regains
/// capacity as soon as older requests leave the window.
/// </summary>
public sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);

    public RateLimitSnapshot TryAcquire(string key, EmulatorConfig config) => Evaluate(key, config, acquire: true);

    public RateLimitSnapshot Peek(string key, EmulatorConfig config) => Evaluate(key, config, acquire: false);

    public void Clear()
    {
        lock (_gate) _buckets.Clear();
    }

    private RateLimitSnapshot Evaluate(string key, EmulatorConfig config, bool acquire)
    {
        var nowMs = Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                if (!acquire) return Snapshot(config, 0, 0, true);
                _buckets[key] = bucket = new RateLimitBucket { Day = today };
            }
            if (bucket.Day != today)
            {
                bucket.Day = today;
                bucket.DailyCount = 0;
            }
            while (bucket.WindowTimestamps.Count > 0 && bucket.WindowTimestamps.Peek() <= nowMs - config.BurstWindowMs)
                bucket.WindowTimestamps.Dequeue();

            var inWindow = bucket.WindowTimestamps.Count;
            if (!acquire) return Snapshot(config, inWindow, bucket.DailyCount, true);

            if (config.EnforceRateLimit && bucket.DailyCount >= config.DailyLimit)
                return Snapshot(config, inWindow, bucket.DailyCount, false);
            if (config.EnforceRateLimit && inWindow >= config.BurstLimit)
                return Snapshot(config, inWindow, bucket.DailyCount, false) with { Remaining = 0 };

            bucket.WindowTimestamps.Enqueue(nowMs);
            bucket.DailyCount++;
            return Snapshot(config, inWindow + 1, bucket.DailyCount, true);
        }
    }

    private static RateLimitSnapshot Snapshot(EmulatorConfig config, int inWindow, int daily, bool allowed) =>
        new(allowed, config.BurstLimit, Math.Max(0, config.BurstLimit - inWindow), config.BurstWindowMs,
            config.DailyLimit, Math.Max(0, config.DailyLimit - daily));
}
