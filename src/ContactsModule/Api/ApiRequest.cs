using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>One logical API call; ApiSession may send it several times.</summary>
    public sealed class ApiRequest
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
        public Func<CancellationToken, Task<bool>> BeforeResendAfterAmbiguousFailure { get; set; }

        public override string ToString() => Method + " " + Path;
    }
}
