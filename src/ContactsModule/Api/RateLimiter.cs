using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// Keeps one (token, location) under HighLevel's burst limit: at most Max requests in any window of
    /// IntervalMs, spread evenly rather than in bursts. Starts from the documented 100 per 10 s and learns
    /// the real figures from the X-RateLimit-* headers. Shared by every caller with the same key (see
    /// RateLimiterRegistry), so parallel cmdlets and runspaces do not add up past the limit.
    /// </summary>
    internal sealed class RateLimiter
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        private readonly object _lock = new object();
        private readonly Queue<long> _sentAtMs = new Queue<long>();
        // Serialises waiters so that rows get their slots roughly in arrival order.
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private int _max = 100;
        private int _intervalMs = 10000;
        private long _nextAllowedMs;
        private long _pausedUntilMs;
        private long? _dailyLimit;
        private bool _dailyExhausted;
        // Until the first answer tells the real limits, one request goes alone: a burst sized on the documented
        // defaults could overrun a location whose limits are lower.
        private bool _learned;
        private bool _probeOutstanding;
        private int _waiters;
        // Set when HighLevel asked for a wait longer than the retry budget: calls fail at once (not sent) until the
        // next run or connection, instead of every row asking again.
        private string _refusal;

        internal static long NowMs => Clock.ElapsedMilliseconds;

        public int Max { get { lock (_lock) return _max; } }
        public int IntervalMs { get { lock (_lock) return _intervalMs; } }
        public bool DailyQuotaExhausted { get { lock (_lock) return _dailyExhausted; } }

        /// <summary>
        /// Extra time added to the window: the server counts arrivals, we count departures, and latency
        /// jitter moves the two apart.
        /// </summary>
        public int MarginMs(int intervalMs) => Math.Max(250, intervalMs / 40);

        /// <summary>Waits for a slot and books it. Throws DailyQuotaExhausted once the day's quota is gone.</summary>
        public Task WaitAsync(IApiTrace trace, CancellationToken cancellationToken) =>
            WaitAsync(trace, TimeSpan.FromMilliseconds(int.MaxValue), null, true, cancellationToken);

        /// <summary>
        /// Waits for a slot and books it. Throws DailyQuotaExhausted once the day's quota is gone, and RateLimited
        /// (nothing sent) when the learned limits would need a wait longer than <paramref name="maxWait"/> or an
        /// earlier call was refused so.
        /// </summary>
        internal Task WaitAsync(IApiTrace trace, TimeSpan maxWait, ApiRequest request, bool mayHaveTakenEffect, CancellationToken cancellationToken)
        {
            long maxWaitMs = (long)Math.Min(maxWait.TotalMilliseconds, long.MaxValue / 2);
            // Fast path: a free slot and nobody queued before us books at once, without the gate's thread hop.
            lock (_lock)
            {
                if (_dailyExhausted) throw QuotaException();
                if (_refusal != null) throw Refused(_refusal, request, mayHaveTakenEffect, 0);
                if (_waiters == 0 && TryBook(Clock.ElapsedMilliseconds) <= 0) return Task.CompletedTask;
                _waiters++;
            }
            return WaitSlowAsync(trace, maxWaitMs, request, mayHaveTakenEffect, cancellationToken);
        }

        private async Task WaitSlowAsync(IApiTrace trace, long maxWaitMs, ApiRequest request, bool mayHaveTakenEffect, CancellationToken cancellationToken)
        {
            try
            {
                await WaitInTurnAsync(trace, maxWaitMs, request, mayHaveTakenEffect, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_lock) _waiters--;
            }
        }

        private async Task WaitInTurnAsync(IApiTrace trace, long maxWaitMs, ApiRequest request, bool mayHaveTakenEffect, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    long waitMs;
                    lock (_lock)
                    {
                        if (_dailyExhausted) throw QuotaException();
                        if (_refusal != null) throw Refused(_refusal, request, mayHaveTakenEffect, 0);
                        waitMs = TryBook(Clock.ElapsedMilliseconds);
                        if (waitMs <= 0) return;
                        if (waitMs > maxWaitMs)
                        {
                            _refusal = string.Format(CultureInfo.InvariantCulture,
                                "HighLevel's rate-limit headers (X-RateLimit-Max: {0}, X-RateLimit-Interval-Milliseconds: {1}) mean waiting {2} for the next request, longer than the module waits ({3:0.#} s)",
                                _max, _intervalMs, ApiSession.Describe(TimeSpan.FromMilliseconds(waitMs)), maxWaitMs / 1000.0);
                            throw Refused(_refusal, request, mayHaveTakenEffect, 0);
                        }
                    }
                    if (waitMs >= 1000)
                        trace.Verbose(string.Format(CultureInfo.InvariantCulture, "Rate limit: waiting {0:0.0} s for a free slot.", waitMs / 1000.0));
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Books a slot at <paramref name="now"/> (ms) and returns 0, or returns how long to wait. Callers hold _lock (tests call it alone).</summary>
        internal long TryBook(long now)
        {
            if (!_learned)
            {
                if (_probeOutstanding) return 20;
                _probeOutstanding = true;
                _sentAtMs.Enqueue(now);
                return 0;
            }
            long window = _intervalMs + MarginMs(_intervalMs);
            while (_sentAtMs.Count > 0 && _sentAtMs.Peek() <= now - window) _sentAtMs.Dequeue();
            long waitMs = Math.Max(_nextAllowedMs - now, _pausedUntilMs - now);
            if (_sentAtMs.Count >= _max) waitMs = Math.Max(waitMs, _sentAtMs.Peek() + window - now);
            if (waitMs > 0) return waitMs;
            _sentAtMs.Enqueue(now);
            _nextAllowedMs = now + _intervalMs / Math.Max(1, _max);
            return 0;
        }

        /// <summary>Learns the limits from a response's X-RateLimit-* headers (null = header absent).</summary>
        public void Observe(long? max, long? intervalMs, long? dailyLimit, long? dailyRemaining)
        {
            lock (_lock)
            {
                _learned = true;
                if (max.HasValue && max.Value > 0 && max.Value < int.MaxValue) _max = (int)max.Value;
                if (intervalMs.HasValue && intervalMs.Value > 0 && intervalMs.Value < int.MaxValue) _intervalMs = (int)intervalMs.Value;
                if (dailyLimit.HasValue) _dailyLimit = dailyLimit;
                if (dailyRemaining.HasValue && dailyRemaining.Value <= 0) _dailyExhausted = true;
            }
        }

        /// <summary>The first request failed without an answer: let the next one try, still alone.</summary>
        public void ProbeFailed()
        {
            lock (_lock) _probeOutstanding = false;
        }

        /// <summary>Throws the DailyQuotaExhausted error once an answer reported the daily quota used up.</summary>
        public void ThrowIfDailyQuotaExhausted()
        {
            lock (_lock)
            {
                if (_dailyExhausted) throw QuotaException();
            }
        }

        /// <summary>After a 429: nobody sends again before the pause is over.</summary>
        public void Pause(TimeSpan duration)
        {
            lock (_lock)
            {
                long until = Clock.ElapsedMilliseconds + (long)duration.TotalMilliseconds;
                if (until > _pausedUntilMs) _pausedUntilMs = until;
            }
        }

        /// <summary>A new connection may try again after the daily quota was reported used up.</summary>
        public void ClearDailyQuotaExhaustion()
        {
            lock (_lock) _dailyExhausted = false;
        }

        /// <summary>
        /// Connect-ContactsApi starts fresh: no pause, no refusal, no exhausted quota, and the limits are learned
        /// again from the next answer.
        /// </summary>
        internal void ResetForNewConnection()
        {
            lock (_lock)
            {
                _dailyExhausted = false;
                _refusal = null;
                _pausedUntilMs = 0;
                _nextAllowedMs = 0;
                _max = 100;
                _intervalMs = 10000;
                _learned = false;
                _probeOutstanding = false;
                _sentAtMs.Clear();
            }
        }

        /// <summary>HighLevel asked for a wait longer than the budget: this and every next call fail at once until EndRefusal.</summary>
        internal ContactsApiException Refuse(string reason, ApiRequest request, bool mayHaveTakenEffect, int attempts)
        {
            lock (_lock) _refusal = reason;
            return Refused(reason, request, mayHaveTakenEffect, attempts);
        }

        /// <summary>A new run asks HighLevel again.</summary>
        internal void EndRefusal()
        {
            lock (_lock)
            {
                _refusal = null;
                // A pause is never longer than the longest backoff, but a new run does not inherit one either.
                _pausedUntilMs = 0;
            }
        }

        private static ContactsApiException Refused(string reason, ApiRequest request, bool mayHaveTakenEffect, int attempts) =>
            new ContactsApiException(ApiErrorKind.RateLimited,
                string.Format(CultureInfo.InvariantCulture, "{0}: {1}.{2}", request?.ToString() ?? "The request", reason,
                    attempts == 0 ? " It was not sent." : string.Empty))
            {
                StatusCode = attempts == 0 ? (int?)null : 429,
                Method = request?.Method.Method,
                Path = request?.Path,
                Attempts = attempts,
                MayHaveTakenEffect = mayHaveTakenEffect,
            };

        /// <summary>HighLevel does not report when the daily quota resets; its daily window is taken to restart at 00:00 UTC.</summary>
        public static DateTime NextDailyResetUtc(DateTime nowUtc) => nowUtc.Date.AddDays(1);

        private ContactsApiException QuotaException()
        {
            var resets = NextDailyResetUtc(DateTime.UtcNow);
            return new ContactsApiException(ApiErrorKind.DailyQuotaExhausted,
                string.Format(CultureInfo.InvariantCulture,
                    "The daily API quota of this token and location is used up ({0} requests a day). HighLevel resets it daily; expect it back after {1:yyyy-MM-dd HH:mm} UTC.",
                    _dailyLimit?.ToString(CultureInfo.InvariantCulture) ?? "200,000", resets))
            {
                QuotaResetsAtUtc = resets,
                StatusCode = 429,
            };
        }
    }
}
