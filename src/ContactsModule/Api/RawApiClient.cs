using System;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// Sends RawApiRequests on a connection's ApiSession: its base URI, token, Version header, rate limiter and retries
    /// (5xx, timeouts and broken connections only for idempotent methods unless RetryUnsafe; 429 always).
    /// </summary>
    internal sealed class RawApiClient
    {
        private readonly ApiSession _session;

        public RawApiClient(ApiSession session)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
        }

        public Uri BaseUri => _session.Options.BaseUri;

        /// <summary>
        /// The final answer, error statuses included (the caller decides what is an error). Throws ContactsApiException
        /// (Unavailable, DailyQuotaExhausted) when no usable answer came.
        /// </summary>
        public async Task<ApiResponse> SendAsync(RawApiRequest request, IApiTrace trace, CancellationToken cancellationToken)
        {
            // The path was checked already; this makes sure no later change to it can send the token elsewhere.
            RawApiPath.Resolve(BaseUri, request.PathAndQuery);
            var apiRequest = request.ToApiRequest();
            try
            {
                return await _session.SendAsync(apiRequest, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Unavailable && !apiRequest.ResendAfterAmbiguousFailure && ex.StatusCode == null)
            {
                throw NotRetried(request, ex);
            }
        }

        /// <summary>The ContactsApiException for an error answer (the same mapping as the contact cmdlets).</summary>
        public static ContactsApiException ToException(RawApiRequest request, ApiResponse response)
        {
            var ex = ContactsApi.ToException(request.ToApiRequest(), response);
            return ex.Kind == ApiErrorKind.Unavailable && response.StatusCode >= 500 && !request.IsIdempotent && !request.RetryUnsafe
                ? NotRetried(request, ex)
                : ex;
        }

        private static ContactsApiException NotRetried(RawApiRequest request, ContactsApiException ex) =>
            new ContactsApiException(ApiErrorKind.Unavailable,
                ex.Message + " Not retried: " + request.Method.Method + " is not idempotent, so the call may have taken effect; check before sending it again, or use -RetryUnsafe.",
                ex.InnerException ?? ex)
            {
                StatusCode = ex.StatusCode,
                Method = ex.Method,
                Path = ex.Path,
                Attempts = ex.Attempts,
                TraceId = ex.TraceId,
                ServerMessages = ex.ServerMessages,
                ApiVersion = ex.ApiVersion ?? request.ApiVersion,
            };
    }
}
