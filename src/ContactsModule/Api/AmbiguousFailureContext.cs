using System;

namespace ContactsModule.Api
{
    /// <summary>What a check before a resend knows about the attempt that failed ambiguously.</summary>
    internal sealed class AmbiguousFailureContext
    {
        public AmbiguousFailureContext(TimeSpan lastAttemptDuration, TimeSpan remainingBudget, TimeSpan nextAttemptTimeout)
        {
            NextAttemptTimeout = nextAttemptTimeout;
            LastAttemptDuration = lastAttemptDuration;
            RemainingBudget = remainingBudget;
        }

        /// <summary>How long the server held the failed attempt (until the answer, drop or timeout).</summary>
        public TimeSpan LastAttemptDuration { get; }
        /// <summary>How much of the retry budget (MaxTotalTime) is left.</summary>
        public TimeSpan RemainingBudget { get; }
        /// <summary>How long the next attempt may take: longer after timeouts, so that a queueing server is not flooded with attempts it will serve anyway.</summary>
        public TimeSpan NextAttemptTimeout { get; }
    }
}
