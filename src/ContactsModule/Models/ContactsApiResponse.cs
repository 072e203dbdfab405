using System;
using System.Collections.Generic;
using System.Globalization;

namespace ContactsModule.Models
{
    /// <summary>
    /// One HTTP answer of Invoke-ContactsApiRequest -OutputType HttpResponse, shaped like Invoke-WebRequest's result
    /// (StatusCode, StatusDescription, Headers, Content). A plain object, not an HttpResponseMessage: that one is
    /// disposed once read and holds the request it answered, Authorization header (the token) included.
    /// </summary>
    public sealed class ContactsApiResponse
    {
        public int StatusCode { get; set; }
        public string StatusDescription { get; set; }
        /// <summary>Response and content headers; a name maps to all its values.</summary>
        public Dictionary<string, string[]> Headers { get; set; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        /// <summary>The body as text (JSON for HighLevel's answers).</summary>
        public string Content { get; set; }
        public string ContentType { get; set; }
        public string Method { get; set; }
        /// <summary>Path and query, relative to the connection's base URI.</summary>
        public string Path { get; set; }
        /// <summary>The Version header sent.</summary>
        public string ApiVersion { get; set; }
        /// <summary>Attempts made (more than 1 after retries).</summary>
        public int Attempts { get; set; }
        public TimeSpan Elapsed { get; set; }
        public bool IsSuccessStatusCode => StatusCode >= 200 && StatusCode < 300;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} {3}", StatusCode, StatusDescription, Method, Path);
    }
}
