using System;

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
    }
}
