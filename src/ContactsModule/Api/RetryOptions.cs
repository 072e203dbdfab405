using System;

namespace ContactsModule.Api
{
    /// <summary>How often and how long a failed call is retried.</summary>
    internal sealed class RetryOptions
    {
        /// <summary>Retries after the first attempt (0 = never retry).</summary>
        public int MaxRetry { get; set; } = 5;
        /// <summary>The first backoff; each retry doubles it (with jitter), up to MaxDelay.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>No retry starts once this much time has passed since the first attempt.</summary>
        public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromMinutes(3);
        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
    }
}
