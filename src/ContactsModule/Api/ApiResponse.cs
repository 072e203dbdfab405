using System;

namespace ContactsModule.Api
{
    /// <summary>The answer to one attempt of an ApiRequest.</summary>
    public sealed class ApiResponse
    {
        public int StatusCode { get; set; }
        public string Body { get; set; }
        public string ContentType { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>How many attempts it took.</summary>
        public int Attempts { get; set; } = 1;
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;
    }
}
