using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>The emulator's whole state: configuration, contacts, rate limits, faults, request log, clock.</summary>
public sealed class EmulatorRuntime
{
    private readonly object _configGate = new();
    private readonly EmulatorConfig _startupConfig;
    private EmulatorConfig _config;
    private long _clockStart = Stopwatch.GetTimestamp();

    public EmulatorRuntime(EmulatorConfig startupConfig)
    {
        _startupConfig = startupConfig;
        _config = startupConfig;
        Random = new SeededRandom(startupConfig.Seed);
        Store = new ContactStore(Random);
        Faults = new FaultInjector(Random);
        Activity = new ContactActivityStore(Random);
    }

    public EmulatorConfig Config => Volatile.Read(ref _config);
    public SeededRandom Random { get; }
    public ContactStore Store { get; }
    /// <summary>Notes, tasks and workflow/campaign enrolments of the contacts.</summary>
    public ContactActivityStore Activity { get; }
    public FaultInjector Faults { get; }
    public RateLimiter RateLimiter { get; } = new();
    public RequestLog Log { get; } = new();
    public OAuthStore OAuth { get; } = new();
    /// <summary>Gate for maxConcurrentRequests; resized when the setting changes.</summary>
    public ConcurrencyGate Gate { get; } = new();

    /// <summary>Milliseconds since start or the last reset.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(Interlocked.Read(ref _clockStart)).TotalMilliseconds;

    /// <summary>Merges the given top-level keys into the current config; returns the problems, if any.</summary>
    public List<string> ApplyConfig(JsonObject patch)
    {
        lock (_configGate)
        {
            var merged = _config.Merge(patch, out var errors);
            if (merged == null) return errors;
            if (merged.Seed != _config.Seed) Random.Reseed(merged.Seed);
            if (patch.Any(p => string.Equals(p.Key, "storm429", StringComparison.OrdinalIgnoreCase))) Faults.ResetStorm();
            Volatile.Write(ref _config, merged);
            return errors;
        }
    }

    /// <summary>Back to the startup config with no contacts, no request log, fresh limits and the seed re-applied.</summary>
    public void Reset()
    {
        lock (_configGate)
        {
            Volatile.Write(ref _config, _startupConfig);
            Random.Reseed(_startupConfig.Seed);
            Store.Clear();
            Activity.Clear();
            RateLimiter.Clear();
            OAuth.Clear();
            Faults.ResetStorm();
            Log.Clear(resetSequence: true);
            Interlocked.Exchange(ref _clockStart, Stopwatch.GetTimestamp());
        }
    }
}
