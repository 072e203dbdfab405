using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// Sends requests to one location: auth and version headers, the shared rate limiter, retries with
    /// backoff. Knows nothing about contacts (see ContactsApi) or PowerShell.
    /// </summary>
    internal sealed class ApiSession
    {
        private static readonly Random Jitter = new Random();
        private readonly IAccessTokenProvider _tokens;
        private volatile ContactsApiException _rejectedBy;
        private readonly HttpClient _client;

        public ApiSession(ApiSessionOptions options, string token)
            : this(options, new StaticTokenProvider(token))
        {
        }

        internal ApiSession(ApiSessionOptions options, IAccessTokenProvider tokens)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            Options = options;
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            Limiter = RateLimiterRegistry.Get(options.BaseUri, tokens.LimiterIdentity, options.LocationId);
            Breaker = new CircuitBreaker(options.Retry);
            _client = options.Transport == null
                ? SharedHttpClient.Instance
                : new HttpClient(options.Transport, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public ApiSessionOptions Options { get; }
        public RateLimiter Limiter { get; }
        internal CircuitBreaker Breaker { get; }
        internal ServerClock ServerClock { get; } = new ServerClock();

        /// <summary>
        /// Sends the request, retrying 429, 5xx, timeouts and broken connections. Returns the final answer
        /// (success or a non-retryable error status), or null when BeforeResendAfterAmbiguousFailure said the
        /// call already took effect. Throws ContactsApiException (Unavailable, Unreachable, RateLimited,
        /// DailyQuotaExhausted) when retries run out or cannot help, OperationCanceledException when cancelled.
        /// No wait is longer than the retry budget: a server asking for more fails the call at once (RateLimited).
        /// </summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, IApiTrace trace, CancellationToken cancellationToken)
        {
            trace = trace ?? NullApiTrace.Instance;
            var retry = Options.Retry;
            var total = Stopwatch.StartNew();
            bool mayHaveTakenEffect = false;
            bool renewedAfter401 = false;
            TimeSpan lastAttemptDuration = TimeSpan.Zero;
            var attemptTimeout = request.FirstAttemptTimeout ?? retry.Timeout;
            for (int attempt = 1; ; attempt++)
            {
                if (mayHaveTakenEffect && request.BeforeResendAfterAmbiguousFailure != null)
                {
                    var context = new AmbiguousFailureContext(lastAttemptDuration, RemainingBudget(retry, total), attemptTimeout);
                    if (await request.BeforeResendAfterAmbiguousFailure(context, cancellationToken).ConfigureAwait(false)) return null;
                }

                Breaker.ThrowIfOpen(request, mayHaveTakenEffect);
                string token;
                try
                {
                    token = await TokenAndSlotAsync(trace, request, mayHaveTakenEffect, cancellationToken).ConfigureAwait(false);
                }
                catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.DailyQuotaExhausted || ex.Kind == ApiErrorKind.RateLimited)
                {
                    // The daily quota or a refusal stopped this attempt before it left: only earlier ones may have taken effect.
                    ex.MayHaveTakenEffect = mayHaveTakenEffect && request.Method != HttpMethod.Get;
                    throw;
                }
                ThrowIfRejected(request, mayHaveTakenEffect);
                bool last401 = !request.Optional && (!_tokens.CanRenew || renewedAfter401);
                var attemptResult = await SendOnceAsync(request, token, attemptTimeout, last401, trace, cancellationToken).ConfigureAwait(false);
                lastAttemptDuration = attemptResult.Duration;
                var response = attemptResult.Response;
                TimeSpan? pause = null;
                string failure;
                if (response != null)
                {
                    Breaker.RecordAnswer();
                    response.Attempts = attempt;
                    response.EarlierAttemptMayHaveTakenEffect = mayHaveTakenEffect && request.Method != HttpMethod.Get;
                    if (response.IsSuccess) return response;
                    if (response.StatusCode == 429)
                    {
                        // Daily-Remaining: 0 on this 429 means the day's quota is gone: retrying cannot help.
                        try
                        {
                            Limiter.ThrowIfDailyQuotaExhausted();
                        }
                        catch (ContactsApiException ex)
                        {
                            ex.MayHaveTakenEffect = mayHaveTakenEffect && request.Method != HttpMethod.Get;
                            throw;
                        }
                        pause = attemptResult.RetryAfter ?? TimeSpan.FromMilliseconds(Limiter.IntervalMs);
                        var allowed = MaxWait(retry);
                        var left = RemainingBudget(retry, total);
                        if (left < allowed) allowed = left;
                        if (pause.Value > allowed)
                        {
                            string asked = attemptResult.RetryAfterText != null
                                ? "Retry-After: " + attemptResult.RetryAfterText
                                : string.Format(CultureInfo.InvariantCulture, "X-RateLimit-Interval-Milliseconds: {0}", Limiter.IntervalMs);
                            throw Limiter.Refuse(string.Format(CultureInfo.InvariantCulture,
                                "HighLevel answered 429 and asked to wait {0} ({1}), longer than the module waits ({2:0.#} s)",
                                Describe(pause.Value), asked, allowed.TotalSeconds), request, mayHaveTakenEffect, attempt);
                        }
                        Limiter.Pause(pause.Value);
                        failure = "429 Too Many Requests";
                    }
                    else if (response.StatusCode >= 500 && response.StatusCode <= 599)
                    {
                        if (!request.ResendAfterAmbiguousFailure) return response;
                        mayHaveTakenEffect = true;
                        failure = response.StatusCode.ToString(CultureInfo.InvariantCulture);
                    }
                    else if (response.StatusCode == 401 && _tokens.CanRenew && !renewedAfter401 && !request.Optional)
                    {
                        // HighLevel does not document the wording of an expired-token 401: any 401 renews an OAuth token once.
                        renewedAfter401 = true;
                        trace.Verbose(request + " got 401 with an OAuth access token; getting a new token and sending it again.");
                        await _tokens.RenewAsync(token, trace, cancellationToken).ConfigureAwait(false);
                        attempt--;
                        continue;
                    }
                    else
                    {
                        return response;
                    }
                }
                else if (attemptResult.NeverReachedServer)
                {
                    failure = attemptResult.Failure;
                    if (Breaker.RecordConnectionFailure(failure))
                        trace.Verbose("The API cannot be reached: stopping (circuit breaker open).");
                    Breaker.ThrowIfOpen(request, mayHaveTakenEffect);
                }
                else
                {
                    mayHaveTakenEffect = true;
                    failure = attemptResult.Failure;
                    // A server that takes longer than the timeout usually still serves the attempt: sending the next one
                    // sooner than it can answer only lengthens its queue. Each timeout doubles the next attempt's timeout.
                    if (attemptResult.TimedOut) attemptTimeout = NextTimeout(attemptTimeout, retry);
                }

                if (attempt > retry.MaxRetry || total.Elapsed >= retry.MaxTotalTime || (mayHaveTakenEffect && !request.ResendAfterAmbiguousFailure))
                {
                    throw new ContactsApiException(ApiErrorKind.Unavailable,
                        string.Format(CultureInfo.InvariantCulture, "{0} failed after {1} attempt(s) over {2:0.0} s; last answer: {3}.{4}",
                            request, attempt, total.Elapsed.TotalSeconds, failure,
                            mayHaveTakenEffect ? string.Empty : " No attempt reached the server: nothing was stored."), attemptResult.Exception)
                    {
                        StatusCode = response?.StatusCode,
                        Method = request.Method.Method,
                        Path = request.Path,
                        Attempts = attempt,
                        TraceId = response != null ? ApiErrorBody.TryReadTraceId(response.Body) : null,
                        MayHaveTakenEffect = mayHaveTakenEffect && request.Method != HttpMethod.Get,
                    };
                }

                var delay = pause ?? Backoff(retry, attempt);
                var remaining = RemainingBudget(retry, total);
                if (delay > remaining) delay = remaining;
                trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} failed ({1}); retry {2} of {3} in {4:0.0} s.",
                    request, failure, attempt, retry.MaxRetry, delay.TotalSeconds));
                if (delay > TimeSpan.Zero) await RequestSlots.DelayOutsideSlotAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        internal static TimeSpan NextTimeout(TimeSpan current, RetryOptions retry)
        {
            var doubled = TimeSpan.FromTicks(current.Ticks * 2);
            var cap = TimeSpan.FromTicks(Math.Max(retry.Timeout.Ticks * 8, retry.Timeout.Ticks));
            if (cap > retry.MaxTotalTime) cap = retry.MaxTotalTime > retry.Timeout ? retry.MaxTotalTime : retry.Timeout;
            return doubled < cap ? doubled : cap;
        }

        /// <summary>The longest single wait the module accepts from a server: the longest backoff, plus a second of slack.</summary>
        internal static TimeSpan MaxWait(RetryOptions retry) => retry.MaxDelay + TimeSpan.FromSeconds(1);

        private static TimeSpan RemainingBudget(RetryOptions retry, Stopwatch total)
        {
            var left = retry.MaxTotalTime - total.Elapsed;
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }

        internal static string Describe(TimeSpan wait)
        {
            if (wait.TotalDays >= 2) return string.Format(CultureInfo.InvariantCulture, "{0:0.#} days", wait.TotalDays);
            if (wait.TotalHours >= 2) return string.Format(CultureInfo.InvariantCulture, "{0:0.#} hours", wait.TotalHours);
            if (wait.TotalMinutes >= 2) return string.Format(CultureInfo.InvariantCulture, "{0:0.#} minutes", wait.TotalMinutes);
            return string.Format(CultureInfo.InvariantCulture, "{0:0.#} s", wait.TotalSeconds);
        }

        /// <summary>A new run starts with a closed breaker and no refusal left over from an earlier one.</summary>
        internal void BeginRun()
        {
            Breaker.Reset();
            Limiter.EndRefusal();
            _rejectedBy = null;
        }

        /// <summary>A call outside a run is not refused for a token rejection an earlier run saw.</summary>
        internal void BeginCall() => _rejectedBy = null;

        /// <summary>HighLevel rejected the token (a 401 no renewal can cure): no request of this run leaves any more.</summary>
        private void RejectRun(ApiRequest request, int status, string reason)
        {
            if (_rejectedBy != null) return;
            _rejectedBy = new ContactsApiException(ApiErrorKind.Unauthorized,
                string.Format(CultureInfo.InvariantCulture, "{0} answered {1} {2}", request, status, reason))
            {
                StatusCode = status,
            };
        }

        private void ThrowIfRejected(ApiRequest request, bool mayHaveTakenEffect)
        {
            var rejected = _rejectedBy;
            if (rejected == null) return;
            throw new ContactsApiException(ApiErrorKind.Unauthorized,
                string.Format(CultureInfo.InvariantCulture, "{0} was not sent: {1} in this run (the token was rejected); a new run or Connect-ContactsApi tries again.",
                    request, rejected.Message))
            {
                StatusCode = 401,
                Method = request.Method.Method,
                Path = request.Path,
                MayHaveTakenEffect = mayHaveTakenEffect && request.Method != HttpMethod.Get,
            };
        }

        /// <summary>Exponential backoff with "equal jitter": between half and all of base * 2^(attempt-1), capped.</summary>
        public static TimeSpan Backoff(RetryOptions retry, int attempt)
        {
            double baseMs = retry.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
            baseMs = Math.Min(baseMs, retry.MaxDelay.TotalMilliseconds);
            double factor;
            lock (Jitter) factor = 0.5 + Jitter.NextDouble() * 0.5;
            return TimeSpan.FromMilliseconds(baseMs * factor);
        }

        /// <summary>
        /// The token first, then the rate-limit slot: a request waiting for a token refresh holds no slot, so no burst
        /// follows the refresh. A token that came within its refresh margin while waiting for the slot is fetched again.
        /// </summary>
        private async Task<string> TokenAndSlotAsync(IApiTrace trace, ApiRequest request, bool mayHaveTakenEffect, CancellationToken cancellationToken)
        {
            while (true)
            {
                string token = await _tokens.GetAccessTokenAsync(trace, cancellationToken).ConfigureAwait(false);
                await Limiter.WaitAsync(trace, MaxWait(Options.Retry), request, mayHaveTakenEffect, cancellationToken).ConfigureAwait(false);
                if (_tokens.IsFresh(token)) return token;
            }
        }

        private async Task<AttemptResult> SendOnceAsync(ApiRequest request, string token, TimeSpan attemptTimeout, bool last401, IApiTrace trace, CancellationToken cancellationToken)
        {
            var uri = new Uri(Options.BaseUri, request.Path.TrimStart('/'));
            var watch = Stopwatch.StartNew();
            using (var message = new HttpRequestMessage(request.Method, uri))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                string version = request.ApiVersion ?? Options.ApiVersion;
                message.Headers.Add("Version", version);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
                if (request.JsonBody != null)
                {
                    message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
                }
                timeout.CancelAfter(attemptTimeout);
                if (request.Method != HttpMethod.Get) RequestSlots.Current?.MarkSent();
                try
                {
                    using (var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    {
                        int status = (int)response.StatusCode;
                        string body = await ReadBodyAsync(request, response, status, timeout.Token).ConfigureAwait(false);
                        watch.Stop();
                        // Before the limiter hears this answer (which lets the next request go): a rejected token stops
                        // the requests still waiting instead of sending each to the same 401.
                        if (status == 401 && last401) RejectRun(request, status, response.ReasonPhrase);
                        ObserveRateLimitHeaders(response);
                        ServerClock.Observe(response.Headers.Date, DateTime.UtcNow);
                        trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} {3} ({4} ms)",
                            request.Method.Method, request.Path, status, response.ReasonPhrase, watch.ElapsedMilliseconds));
                        return new AttemptResult
                        {
                            Response = new ApiResponse
                            {
                                StatusCode = status,
                                Body = body,
                                ContentType = response.Content?.Headers.ContentType?.MediaType,
                                Elapsed = watch.Elapsed,
                                ReasonPhrase = response.ReasonPhrase,
                                ApiVersion = version,
                                Headers = request.CaptureHeaders ? ReadHeaders(response) : null,
                            },
                            RetryAfter = ReadRetryAfter(response, out var retryAfterText),
                            RetryAfterText = retryAfterText,
                            Duration = watch.Elapsed,
                        };
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Limiter.ProbeFailed();
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    Limiter.ProbeFailed();
                    trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> timed out after {2:0.0} s",
                        request.Method.Method, request.Path, watch.Elapsed.TotalSeconds));
                    return new AttemptResult { Failure = "timed out", Exception = ex, Duration = watch.Elapsed, TimedOut = true };
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
                {
                    Limiter.ProbeFailed();
                    string reason = (ex.InnerException ?? ex).Message;
                    bool neverReached = ConnectionFailure.NeverReachedServer(ex);
                    trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} after {3} ms: {4}",
                        request.Method.Method, request.Path, neverReached ? "could not connect" : "connection failed",
                        watch.ElapsedMilliseconds, reason));
                    return new AttemptResult
                    {
                        Failure = (neverReached ? "could not connect: " : "connection failed: ") + reason,
                        Exception = ex,
                        NeverReachedServer = neverReached,
                        Duration = watch.Elapsed,
                    };
                }
            }
        }

        /// <summary>Reads the body up to MaxResponseBytes; a larger one fails the call (InvalidResponse) without being read whole.</summary>
        private async Task<string> ReadBodyAsync(ApiRequest request, HttpResponseMessage response, int status, CancellationToken cancellationToken)
        {
            if (response.Content == null) return null;
            long cap = Options.MaxResponseBytes;
            long? declared = response.Content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > cap) throw TooLarge(request, status, declared.Value, cap);
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new System.IO.MemoryStream())
            {
                var chunk = new byte[81920];
                while (true)
                {
                    int read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    if (buffer.Length + read > cap) throw TooLarge(request, status, null, cap);
                    buffer.Write(chunk, 0, read);
                }
                var charset = response.Content.Headers.ContentType?.CharSet;
                Encoding encoding = Encoding.UTF8;
                if (!string.IsNullOrEmpty(charset))
                {
                    try
                    {
                        encoding = Encoding.GetEncoding(charset.Trim('"'));
                    }
                    catch (ArgumentException)
                    {
                    }
                }
                return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }

        private static ContactsApiException TooLarge(ApiRequest request, int status, long? declared, long cap) =>
            new ContactsApiException(ApiErrorKind.InvalidResponse,
                string.Format(CultureInfo.InvariantCulture,
                    "{0} answered {1} with a body of {2}, more than the {3} MB the module reads; the body was not read.",
                    request, status,
                    declared.HasValue ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} MB", declared.Value / 1048576.0) : "more than that",
                    cap / 1048576))
            {
                StatusCode = status,
                Method = request.Method.Method,
                Path = request.Path,
            };

        private void ObserveRateLimitHeaders(HttpResponseMessage response)
        {
            Limiter.Observe(
                ReadLong(response, "X-RateLimit-Max"),
                ReadLong(response, "X-RateLimit-Interval-Milliseconds"),
                ReadLong(response, "X-RateLimit-Limit-Daily"),
                ReadLong(response, "X-RateLimit-Daily-Remaining"));
        }

        private static long? ReadLong(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values) &&
                long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            {
                return value;
            }
            return null;
        }

        private static IDictionary<string, string[]> ReadHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers) headers[header.Key] = header.Value.ToArray();
            if (response.Content != null)
                foreach (var header in response.Content.Headers) headers[header.Key] = header.Value.ToArray();
            return headers;
        }

        private static TimeSpan? ReadRetryAfter(HttpResponseMessage response, out string text)
        {
            text = response.Headers.TryGetValues("Retry-After", out var raw) ? string.Join(", ", raw) : null;
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var delta = header.Date.Value - DateTimeOffset.UtcNow;
                return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
            }
            return null;
        }

        private sealed class AttemptResult
        {
            public ApiResponse Response;
            public TimeSpan? RetryAfter;
            public string RetryAfterText;
            public string Failure;
            public Exception Exception;
            public bool NeverReachedServer;
            public bool TimedOut;
            public TimeSpan Duration;
        }
    }
}
