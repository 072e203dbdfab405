namespace ContactsModule.Tests.Api
{
    /// <summary>One request a ScriptedHttpServer received.</summary>
    internal sealed class ScriptedRequest
    {
        public ScriptedRequest(string method, string path, int number, string body, string authorization)
        {
            Method = method;
            Path = path;
            Number = number;
            Body = body;
            Authorization = authorization;
        }

        public string Method { get; }
        public string Path { get; }
        /// <summary>1 for the first request the server received.</summary>
        public int Number { get; }
        public string Body { get; }
        public string Authorization { get; }
    }
}
