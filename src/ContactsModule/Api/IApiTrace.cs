namespace ContactsModule.Api
{
    /// <summary>Where the client reports what it sends, waits for and retries. Implementations must be thread-safe.</summary>
    internal interface IApiTrace
    {
        void Verbose(string message);
        void Debug(string message);
    }
}
