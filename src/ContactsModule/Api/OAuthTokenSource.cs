using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// An expiring OAuth access token, renewed single-flight: however many requests (and runspaces) ask at once, one
    /// renewal runs and the others wait for its result. Renews when the token comes within a margin of its expiry (a
    /// tenth of its lifetime, at most five minutes) and when a 401 answers the current token. A renewal refused for
    /// good (invalid grant, refused client) is remembered, so the other callers fail at once without asking again.
    /// </summary>
    internal abstract class OAuthTokenSource : IAccessTokenProvider
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();
        private static readonly TimeSpan MaxMargin = TimeSpan.FromMinutes(5);
        private static readonly TimeSpan RefusalMemory = TimeSpan.FromSeconds(30);

        private readonly SemaphoreSlim _renewGate = new SemaphoreSlim(1, 1);
        private volatile CurrentToken _current;
        private ContactsApiException _refusal;
        private long _refusedAtMs;
        private int _renewals;

        public abstract string LimiterIdentity { get; }
        public bool CanRenew => true;

        /// <summary>How many times the token was obtained (the first time included).</summary>
        public int Renewals => Volatile.Read(ref _renewals);

        /// <summary>When the current access token expires (UTC), or null before the first one.</summary>
        public DateTime? ExpiresAtUtc => _current?.ExpiresAtUtc;

        /// <summary>What the token is for, in trace lines ("the agency token", "the token of location X").</summary>
        protected abstract string Describe { get; }

        /// <summary>Gets a new token from the server.</summary>
        protected abstract Task<OAuthTokenResponse> FetchAsync(IApiTrace trace, CancellationToken cancellationToken);

        public Task<string> GetAccessTokenAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            var current = _current;
            if (current != null && !current.NeedsRenewal(Clock.ElapsedMilliseconds)) return Task.FromResult(current.Value);
            return RenewIfAsync(current?.Value, trace, cancellationToken);
        }

        /// <summary>A new Connect-ContactsApi asks the server again instead of repeating a remembered refusal.</summary>
        public void ForgetRefusal()
        {
            _refusal = null;
        }

        public bool IsFresh(string token)
        {
            var current = _current;
            return current != null && ReferenceEquals(current.Value, token) && !current.NeedsRenewal(Clock.ElapsedMilliseconds);
        }

        public Task RenewAsync(string rejectedToken, IApiTrace trace, CancellationToken cancellationToken) =>
            RenewIfAsync(rejectedToken ?? string.Empty, trace, cancellationToken);

        /// <summary>Renews unless the token is no longer <paramref name="seen"/> (someone renewed it meanwhile) and still fresh.</summary>
        private async Task<string> RenewIfAsync(string seen, IApiTrace trace, CancellationToken cancellationToken)
        {
            await _renewGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = _current;
                long now = Clock.ElapsedMilliseconds;
                if (current != null && !ReferenceEquals(current.Value, seen) && !current.NeedsRenewal(now)) return current.Value;
                if (_refusal != null && now - _refusedAtMs < RefusalMemory.TotalMilliseconds) throw Copy(_refusal);

                long sentAt = Clock.ElapsedMilliseconds;
                OAuthTokenResponse answer;
                try
                {
                    answer = await FetchAsync(trace, cancellationToken).ConfigureAwait(false);
                }
                catch (ContactsApiException ex) when (ex.Kind != ApiErrorKind.Unavailable)
                {
                    _refusal = ex;
                    _refusedAtMs = Clock.ElapsedMilliseconds;
                    throw;
                }
                _refusal = null;
                // The lifetime counts from when the request left, so the margin also covers the time the answer took.
                var lifetime = TimeSpan.FromSeconds(Math.Max(1, answer.ExpiresInSeconds));
                var margin = RefreshMargin(lifetime);
                _current = new CurrentToken(answer.AccessToken, sentAt + (long)lifetime.TotalMilliseconds, (long)margin.TotalMilliseconds,
                    DateTime.UtcNow + lifetime - TimeSpan.FromMilliseconds(Clock.ElapsedMilliseconds - sentAt));
                Interlocked.Increment(ref _renewals);
                trace?.Verbose(string.Format(CultureInfo.InvariantCulture, "OAuth: got a new access token for {0} (expires in {1:0} s; renewed {2:0.#} s before expiry).",
                    Describe, lifetime.TotalSeconds, margin.TotalSeconds));
                return answer.AccessToken;
            }
            finally
            {
                _renewGate.Release();
            }
        }

        /// <summary>How long before its expiry a token of this lifetime is renewed: a tenth of the lifetime, at most five minutes.</summary>
        internal static TimeSpan RefreshMargin(TimeSpan lifetime) =>
            TimeSpan.FromMilliseconds(Math.Min(lifetime.TotalMilliseconds / 10, MaxMargin.TotalMilliseconds));

        /// <summary>The remembered refusal, thrown afresh for each caller (an exception object is not shared between threads).</summary>
        private static ContactsApiException Copy(ContactsApiException ex) => new ContactsApiException(ex.Kind, ex.Message)
        {
            StatusCode = ex.StatusCode,
            Method = ex.Method,
            Path = ex.Path,
            ServerMessages = ex.ServerMessages,
            TraceId = ex.TraceId,
        };

        private sealed class CurrentToken
        {
            public CurrentToken(string value, long expiresAtMs, long marginMs, DateTime expiresAtUtc)
            {
                Value = value;
                ExpiresAtMs = expiresAtMs;
                MarginMs = marginMs;
                ExpiresAtUtc = expiresAtUtc;
            }

            public readonly string Value;
            public readonly long ExpiresAtMs;
            public readonly long MarginMs;
            public readonly DateTime ExpiresAtUtc;

            public bool NeedsRenewal(long nowMs) => nowMs >= ExpiresAtMs - MarginMs;
        }
    }
}
