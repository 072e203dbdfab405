using System.Diagnostics;

namespace ContactsEmulator;

/// <summary>
/// HighLevel's limits: a sliding window of burstLimit requests per burstWindowMs for each burst key (app or Private
/// Integration, and location), and a daily limit (UTC day) for each daily key: the same key for an app, the location
/// alone for Private Integrations (all PITs of a location share one daily counter). A request rejected with 429 is
/// not counted, so a client that backs off regains capacity as soon as older requests leave the window.
/// </summary>
public sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimitBucket> _daily = new(StringComparer.Ordinal);

    public RateLimitSnapshot TryAcquire(string key, EmulatorConfig config) => Evaluate(key, key, config, acquire: true);

    /// <summary>Counts against the burst window of <paramref name="burstKey"/> and the daily counter of <paramref name="dailyKey"/>.</summary>
    public RateLimitSnapshot TryAcquire(string burstKey, string dailyKey, EmulatorConfig config) => Evaluate(burstKey, dailyKey, config, acquire: true);

    public RateLimitSnapshot Peek(string key, EmulatorConfig config) => Evaluate(key, key, config, acquire: false);

    public RateLimitSnapshot Peek(string burstKey, string dailyKey, EmulatorConfig config) => Evaluate(burstKey, dailyKey, config, acquire: false);

    public void Clear()
    {
        lock (_gate)
        {
            _buckets.Clear();
            _daily.Clear();
        }
    }

    private RateLimitSnapshot Evaluate(string burstKey, string dailyKey, EmulatorConfig config, bool acquire)
    {
        var nowMs = Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        lock (_gate)
        {
            _buckets.TryGetValue(burstKey, out var bucket);
            _daily.TryGetValue(dailyKey, out var day);
            if (!acquire && bucket == null && day == null) return Snapshot(config, 0, 0, true);
            if (bucket == null) _buckets[burstKey] = bucket = new RateLimitBucket { Day = today };
            if (day == null) _daily[dailyKey] = day = new RateLimitBucket { Day = today };
            if (day.Day != today)
            {
                day.Day = today;
                day.DailyCount = 0;
            }
            while (bucket.WindowTimestamps.Count > 0 && bucket.WindowTimestamps.Peek() <= nowMs - config.BurstWindowMs)
                bucket.WindowTimestamps.Dequeue();

            var inWindow = bucket.WindowTimestamps.Count;
            if (!acquire) return Snapshot(config, inWindow, day.DailyCount, true);

            if (config.EnforceRateLimit && day.DailyCount >= config.DailyLimit)
                return Snapshot(config, inWindow, day.DailyCount, false);
            if (config.EnforceRateLimit && inWindow >= config.BurstLimit)
                return Snapshot(config, inWindow, day.DailyCount, false) with { Remaining = 0 };

            bucket.WindowTimestamps.Enqueue(nowMs);
            day.DailyCount++;
            return Snapshot(config, inWindow + 1, day.DailyCount, true);
        }
    }

    private static RateLimitSnapshot Snapshot(EmulatorConfig config, int inWindow, int daily, bool allowed) =>
        new(allowed, config.BurstLimit, Math.Max(0, config.BurstLimit - inWindow), config.BurstWindowMs,
            config.DailyLimit, Math.Max(0, config.DailyLimit - daily));
}
