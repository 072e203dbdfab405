using System;
using System.Threading;

namespace ContactsModule.Api
{
    /// <summary>
    /// The server's clock as seen in the Date header of its answers. Date has whole seconds, so the estimate is
    /// the header plus half a second, minus when the answer arrived; Tolerance covers that rounding and latency.
    /// </summary>
    internal sealed class ServerClock
    {
        public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

        private long _offsetTicks;
        private int _known;

        public void Observe(DateTimeOffset? serverDate, DateTime receivedUtc)
        {
            if (!serverDate.HasValue) return;
            long offset = (serverDate.Value.UtcDateTime.AddMilliseconds(500) - receivedUtc).Ticks;
            Interlocked.Exchange(ref _offsetTicks, offset);
            Interlocked.Exchange(ref _known, 1);
        }

        /// <summary>The server's time at the local UTC time given (the local time itself until an answer carried a Date).</summary>
        public DateTime ToServerTime(DateTime localUtc) =>
            Interlocked.CompareExchange(ref _known, 0, 0) == 1 ? localUtc.AddTicks(Interlocked.Read(ref _offsetTicks)) : localUtc;
    }
}
