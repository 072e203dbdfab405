using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;

namespace ContactsModule.Api
{
    /// <summary>
    /// A request of Invoke-ContactsApiRequest: any method and path under the connection's base URI. The path is checked
    /// by RawApiPath before a RawApiRequest is made, so it can never name another host.
    /// </summary>
    internal sealed class RawApiRequest
    {
        public RawApiRequest(HttpMethod method, string path, IList<KeyValuePair<string, string>> query, string jsonBody)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Query = query ?? new List<KeyValuePair<string, string>>();
            JsonBody = jsonBody;
        }

        public HttpMethod Method { get; }
        /// <summary>Relative path starting with '/', without query.</summary>
        public string Path { get; }
        /// <summary>Query parameters, unencoded, in order (a name may repeat).</summary>
        public IList<KeyValuePair<string, string>> Query { get; }
        public string JsonBody { get; }
        /// <summary>Version header for this call; null: the connection's.</summary>
        public string ApiVersion { get; set; }
        /// <summary>Retry 5xx, timeouts and broken connections even when the method is not idempotent.</summary>
        public bool RetryUnsafe { get; set; }

        /// <summary>GET, HEAD, OPTIONS, PUT and DELETE may be repeated without changing the result (RFC 9110).</summary>
        public bool IsIdempotent =>
            Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Options ||
            Method == HttpMethod.Put || Method == HttpMethod.Delete;

        public string PathAndQuery
        {
            get
            {
                if (Query.Count == 0) return Path;
                var text = new StringBuilder(Path);
                char separator = '?';
                foreach (var pair in Query)
                {
                    text.Append(separator).Append(Uri.EscapeDataString(pair.Key));
                    if (pair.Value != null) text.Append('=').Append(Uri.EscapeDataString(pair.Value));
                    separator = '&';
                }
                return text.ToString();
            }
        }

        public RawApiRequest With(string path, IList<KeyValuePair<string, string>> query, string jsonBody) =>
            new RawApiRequest(Method, path, query, jsonBody) { ApiVersion = ApiVersion, RetryUnsafe = RetryUnsafe };

        internal ApiRequest ToApiRequest() => new ApiRequest(Method, PathAndQuery, JsonBody)
        {
            ApiVersion = ApiVersion,
            ResendAfterAmbiguousFailure = IsIdempotent || RetryUnsafe,
            CaptureHeaders = true,
        };

        public override string ToString() => Method.Method.ToUpper(CultureInfo.InvariantCulture) + " " + PathAndQuery;
    }
}
