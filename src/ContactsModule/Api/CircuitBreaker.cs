using System;
using System.Diagnostics;
using System.Globalization;

namespace ContactsModule.Api
{
    /// <summary>
    /// Stops a run against a server that cannot be reached: consecutive connection failures (refused, DNS, TLS),
    /// across all rows with no answer between them, open the breaker once there are more of them than one row's
    /// retries (MaxRetry + 1) and they span at least the shortest backoff ladder (capped at 30 s), or once they
    /// span 60 s. Open, every attempt fails at once with ApiErrorKind.Unreachable until the next run resets it.
    /// </summary>
    internal sealed class CircuitBreaker
    {
        private static readonly TimeSpan LongestSpan = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan LongestLadder = TimeSpan.FromSeconds(30);

        private readonly object _lock = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly int _tripCount;
        private readonly TimeSpan _tripSpan;
        private int _failures;
        private TimeSpan _firstFailureAt;
        private string _openReason;

        public CircuitBreaker(RetryOptions retry)
        {
            _tripCount = retry.MaxRetry + 1;
            // The shortest time one row's retries take: half of each doubled delay (the jitter's floor).
            double ladderMs = 0;
            for (int attempt = 1; attempt <= retry.MaxRetry; attempt++)
                ladderMs += 0.5 * Math.Min(retry.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)), retry.MaxDelay.TotalMilliseconds);
            _tripSpan = TimeSpan.FromMilliseconds(Math.Min(ladderMs, LongestLadder.TotalMilliseconds));
        }

        public bool IsOpen { get { lock (_lock) return _openReason != null; } }

        /// <summary>Any answer from the server closes the count.</summary>
        public void RecordAnswer()
        {
            lock (_lock) _failures = 0;
        }

        /// <summary>Counts a connection failure; true when it opened the breaker.</summary>
        public bool RecordConnectionFailure(string reason)
        {
            lock (_lock)
            {
                if (_openReason != null) return false;
                var now = _clock.Elapsed;
                if (_failures == 0) _firstFailureAt = now;
                _failures++;
                var span = now - _firstFailureAt;
                if ((_failures >= _tripCount && span >= _tripSpan) || (_failures >= 2 && span >= LongestSpan))
                {
                    _openReason = string.Format(CultureInfo.InvariantCulture,
                        "{0} connection attempts in a row over {1:0.0} s failed without reaching the server (last: {2})",
                        _failures, span.TotalSeconds, reason);
                    return true;
                }
                return false;
            }
        }

        /// <summary>Throws ApiErrorKind.Unreachable while the breaker is open.</summary>
        public void ThrowIfOpen(ApiRequest request, bool mayHaveTakenEffect)
        {
            string reason;
            lock (_lock) reason = _openReason;
            if (reason == null) return;
            throw new ContactsApiException(ApiErrorKind.Unreachable,
                string.Format(CultureInfo.InvariantCulture, "{0} was not sent: the API cannot be reached ({1}).", request, reason))
            {
                Method = request.Method.Method,
                Path = request.Path,
                MayHaveTakenEffect = mayHaveTakenEffect,
            };
        }

        /// <summary>A new run tries again.</summary>
        public void Reset()
        {
            lock (_lock)
            {
                _failures = 0;
                _openReason = null;
            }
        }
    }
}
