namespace ContactsEmulator;

/// <summary>The single source of randomness (ids, faults, jitter), seeded so runs repeat. Thread-safe.</summary>
public sealed class SeededRandom
{
    private readonly object _gate = new();
    private Random _random;

    public SeededRandom(int seed) => _random = new Random(seed);

    public void Reseed(int seed)
    {
        lock (_gate) _random = new Random(seed);
    }

    public double NextDouble()
    {
        lock (_gate) return _random.NextDouble();
    }

    public int Next(int maxExclusive)
    {
        lock (_gate) return _random.Next(maxExclusive);
    }

    public int Next(int minInclusive, int maxExclusive)
    {
        lock (_gate) return _random.Next(minInclusive, maxExclusive);
    }

    /// <summary>True with the given probability; never draws when the rate is zero.</summary>
    public bool Chance(double rate) => rate > 0 && (rate >= 1 || NextDouble() < rate);

    public string NextString(int length, string alphabet)
    {
        var chars = new char[length];
        lock (_gate)
        {
            for (var i = 0; i < length; i++) chars[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(chars);
    }
}
