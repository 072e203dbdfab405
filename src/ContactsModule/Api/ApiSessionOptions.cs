using System;
using System.Net.Http;

namespace ContactsModule.Api
{
    /// <summary>What an ApiSession needs to talk to one location.</summary>
    internal sealed class ApiSessionOptions
    {
        public Uri BaseUri { get; set; }
        public string LocationId { get; set; }
        public string ApiVersion { get; set; } = "2021-07-28";
        public string UserAgent { get; set; } = "ContactsModule";
        public RetryOptions Retry { get; set; } = new RetryOptions();
        /// <summary>Larger response bodies are not read: the call fails with a clear error instead of filling memory.</summary>
        public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;
        /// <summary>
        /// The handler requests go through instead of the process-wide client (null: SharedHttpClient). A seam for
        /// unit tests; the session wraps it in one HttpClient of its own and never disposes the handler.
        /// </summary>
        internal HttpMessageHandler Transport { get; set; }
    }
}
