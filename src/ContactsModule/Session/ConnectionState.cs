namespace ContactsModule.Session
{
    /// <summary>
    /// The current connection, for the whole process: every runspace (ForEach-Object -Parallel included)
    /// sees the connection that Connect-ContactsApi made.
    /// </summary>
    internal static class ConnectionState
    {
        private static volatile ContactsApiConnection _current;

        public static ContactsApiConnection Current
        {
            get => _current;
            set => _current = value;
        }
    }
}
