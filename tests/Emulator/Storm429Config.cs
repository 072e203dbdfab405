namespace ContactsEmulator;

/// <summary>A burst of 429s: after <see cref="StartAfterRequests"/> requests, the next <see cref="Count"/> get 429.</summary>
public sealed class Storm429Config
{
    public int StartAfterRequests { get; set; }
    public int Count { get; set; }

    /// <summary>Retry-After value on the storm's 429s; null sends no Retry-After header.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>A raw Retry-After value (seconds or an HTTP date); wins over retryAfterSeconds.</summary>
    public string RetryAfter { get; set; }
}
