using System;

namespace ContactsModule.Tests.Api
{
    /// <summary>One request the fake handler received.</summary>
    internal sealed class SentRequest
    {
        public string Method { get; set; }
        public Uri Uri { get; set; }
        public string Authorization { get; set; }
        public string Version { get; set; }
        public string Body { get; set; }
    }
}
