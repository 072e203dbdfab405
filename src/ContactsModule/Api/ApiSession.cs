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
    public sealed class ApiSession
    {
        private static readonly Random Jitter = new Random();
        private readonly IAccessTokenProvider _tokens;

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
        }

        public ApiSessionOptions Options { get; }
        public RateLimiter Limiter { get; }

        /// <summary>
        /// Sends the request, retrying 429, 5xx, timeouts and broken connections. Returns the final answer
        /// (success or a non-retryable error status), or null when BeforeResendAfterAmbiguousFailure said the
        /// call already took effect. Throws ContactsApiException (Unavailable, DailyQuotaExhausted) when
        /// retries run out, OperationCanceledException when cancelled.
        /// </summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, IApiTrace trace, CancellationToken cancellationToken)
        {
            trace = trace ?? NullApiTrace.Instance;
            var retry = Options.Retry;
            var total = Stopwatch.StartNew();
            bool mayHaveTakenEffect = false;
            bool renewedAfter401 = false;
            for (int attempt = 1; ; attempt++)
            {
                if (mayHaveTakenEffect && request.BeforeResendAfterAmbiguousFailure != null)
                {
                    if (await request.BeforeResendAfterAmbiguousFailure(cancellationToken).ConfigureAwait(false)) return null;
                }

                string token = await TokenAndSlotAsync(trace, cancellationToken).ConfigureAwait(false);
                var attemptResult = await SendOnceAsync(request, token, trace, cancellationToken).ConfigureAwait(false);
                var response = attemptResult.Response;
                TimeSpan? pause = null;
                string failure;
                if (response != null)
                {
                    response.Attempts = attempt;
                    if (response.IsSuccess) return response;
                    if (response.StatusCode == 429)
                    {
                        // Daily-Remaining: 0 on this 429 means the day's quota is gone: retrying cannot help.
                        Limiter.ThrowIfDailyQuotaExhausted();
                        pause = attemptResult.RetryAfter ?? TimeSpan.FromMilliseconds(Limiter.IntervalMs);
                        Limiter.Pause(pause.Value);
                        failure = "429 Too Many Requests";
                    }
                    else if (response.StatusCode >= 500 && response.StatusCode <= 599)
                    {
                        if (!request.ResendAfterAmbiguousFailure) return response;
                        mayHaveTakenEffect = true;
                        failure = response.StatusCode.ToString(CultureInfo.InvariantCulture);
                    }
                    else if (response.StatusCode == 401 && _tokens.CanRenew && !renewedAfter401)
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
                else
                {
                    mayHaveTakenEffect = true;
                    failure = attemptResult.Failure;
                }

                if (attempt > retry.MaxRetry || total.Elapsed >= retry.MaxTotalTime || (mayHaveTakenEffect && !request.ResendAfterAmbiguousFailure))
                {
                    throw new ContactsApiException(ApiErrorKind.Unavailable,
                        string.Format(CultureInfo.InvariantCulture, "{0} failed after {1} attempt(s) over {2:0.0} s; last answer: {3}.",
                            request, attempt, total.Elapsed.TotalSeconds, failure), attemptResult.Exception)
                    {
                        StatusCode = response?.StatusCode,
                        Method = request.Method.Method,
                        Path = request.Path,
                        Attempts = attempt,
                        TraceId = response != null ? ApiErrorBody.TryReadTraceId(response.Body) : null,
                    };
                }

                var delay = pause ?? Backoff(retry, attempt);
                var left = retry.MaxTotalTime - total.Elapsed;
                if (delay > left) delay = left < TimeSpan.Zero ? TimeSpan.Zero : left;
                trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} failed ({1}); retry {2} of {3} in {4:0.0} s.",
                    request, failure, attempt, retry.MaxRetry, delay.TotalSeconds));
                if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
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
        private async Task<string> TokenAndSlotAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            while (true)
            {
                string token = await _tokens.GetAccessTokenAsync(trace, cancellationToken).ConfigureAwait(false);
                await Limiter.WaitAsync(trace, cancellationToken).ConfigureAwait(false);
                if (_tokens.IsFresh(token)) return token;
            }
        }

        private async Task<AttemptResult> SendOnceAsync(ApiRequest request, string token, IApiTrace trace, CancellationToken cancellationToken)
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
                timeout.CancelAfter(Options.Retry.Timeout);
                try
                {
                    using (var response = await SharedHttpClient.Instance.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                    {
                        string body = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        watch.Stop();
                        ObserveRateLimitHeaders(response);
                        int status = (int)response.StatusCode;
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
                            RetryAfter = ReadRetryAfter(response),
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
                    return new AttemptResult { Failure = "timed out", Exception = ex };
                }
                catch (HttpRequestException ex)
                {
                    Limiter.ProbeFailed();
                    string reason = (ex.InnerException ?? ex).Message;
                    trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> connection failed after {2} ms: {3}",
                        request.Method.Method, request.Path, watch.ElapsedMilliseconds, reason));
                    return new AttemptResult { Failure = "connection failed: " + reason, Exception = ex };
                }
            }
        }

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

        private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
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
            public string Failure;
            public Exception Exception;
        }
    }
}
