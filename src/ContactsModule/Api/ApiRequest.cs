using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>One logical API call; ApiSession may send it several times.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path, string jsonBody = null)
        {
            Method = method;
            Path = path;
            JsonBody = jsonBody;
        }

        public HttpMethod Method { get; }
        /// <summary>Path and query, starting with '/'.</summary>
        public string Path { get; }
        public string JsonBody { get; }

        /// <summary>
        /// For calls that are not safe to repeat (create): runs before a resend when the previous attempt may
        /// have reached the server (timeout, broken connection, 5xx). Return true when the effect is known to
        /// have happened, so the call must not be sent again; SendAsync then returns null.
        /// </summary>
        public Func<AmbiguousFailureContext, CancellationToken, Task<bool>> BeforeResendAfterAmbiguousFailure { get; set; }

        /// <summary>The first attempt's timeout when not RetryOptions.Timeout (a look-up after a timeout waits longer).</summary>
        internal TimeSpan? FirstAttemptTimeout { get; set; }

        /// <summary>The locationId the call names in its body or query; null: the session's location.</summary>
        public string LocationId { get; set; }

        /// <summary>The Version header of this call only; null: the session's version.</summary>
        public string ApiVersion { get; set; }

        /// <summary>
        /// False for calls that are not safe to repeat and have no BeforeResendAfterAmbiguousFailure check: a 5xx
        /// answer is returned as it is and a timeout or broken connection is not retried. 429s are still retried (the
        /// server did not process the call).
        /// </summary>
        public bool ResendAfterAmbiguousFailure { get; set; } = true;

        /// <summary>
        /// False for optional probes (a setting the token's scopes may not cover): their 401 neither renews an OAuth
        /// token nor stops the run's other requests.
        /// </summary>
        internal bool Optional { get; set; }

        /// <summary>Keep the answer's headers in ApiResponse.Headers.</summary>
        public bool CaptureHeaders { get; set; }

        public override string ToString() => Method + " " + Path;
    }
}
