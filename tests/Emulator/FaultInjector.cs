namespace ContactsEmulator;

/// <summary>Decides which requests get injected faults (rates drawn from the seeded random).</summary>
public sealed class FaultInjector
{
    private readonly SeededRandom _random;
    private long _stormRequestsSeen;

    public FaultInjector(SeededRandom random) => _random = random;

    /// <summary>Faults apply to every non-admin path unless faultPaths lists path prefixes.</summary>
    public static bool Applies(EmulatorConfig config, string path) =>
        config.FaultPaths is not { Count: > 0 } ||
        config.FaultPaths.Any(prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts a request against the configured storm; true when this one falls inside it.</summary>
    public bool TakeStormSlot(EmulatorConfig config)
    {
        var storm = config.Storm429;
        if (storm is not { Count: > 0 }) return false;
        var n = Interlocked.Increment(ref _stormRequestsSeen);
        return n > storm.StartAfterRequests && n <= (long)storm.StartAfterRequests + storm.Count;
    }

    public void ResetStorm() => Interlocked.Exchange(ref _stormRequestsSeen, 0);

    public bool Roll(double rate) => _random.Chance(rate);

    public int PickStatus(params int[] statuses) => statuses[_random.Next(statuses.Length)];

    /// <summary>About a third of injected server errors carry an HTML body, as a proxy or gateway would send.</summary>
    public bool PickHtml() => _random.Next(3) == 0;

    public int LatencyMs(EmulatorConfig config)
    {
        if (config.LatencyMs <= 0 && config.LatencyJitterMs <= 0) return 0;
        var jitter = config.LatencyJitterMs > 0 ? _random.Next(-config.LatencyJitterMs, config.LatencyJitterMs + 1) : 0;
        return Math.Max(0, config.LatencyMs + jitter);
    }
}
