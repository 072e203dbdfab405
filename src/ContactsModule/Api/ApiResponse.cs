using System;
using System.Collections.Generic;

namespace ContactsModule.Api
{
    /// <summary>The answer to one attempt of an ApiRequest.</summary>
    internal sealed class ApiResponse
    {
        public int StatusCode { get; set; }
        public string Body { get; set; }
        public string ContentType { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>How many attempts it took.</summary>
        public int Attempts { get; set; } = 1;
        /// <summary>The status line's reason ("Created"); may be null.</summary>
        public string ReasonPhrase { get; set; }
        /// <summary>The Version header the call was sent with.</summary>
        public string ApiVersion { get; set; }
        /// <summary>Response and content headers, when the request asked for them (ApiRequest.CaptureHeaders).</summary>
        public IDictionary<string, string[]> Headers { get; set; }
        /// <summary>An earlier attempt of a change failed in a way that may have reached the server (timeout, drop, 5xx).</summary>
        internal bool EarlierAttemptMayHaveTakenEffect { get; set; }
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;
    }
}
