using System.Collections.Concurrent;
using ContactsModule.Api;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// Collects the client's verbose and debug lines from any thread; the cmdlet writes them out on the
    /// pipeline thread (the only thread PowerShell lets it write from).
    /// </summary>
    internal sealed class PipelineTrace : IApiTrace
    {
        private readonly ConcurrentQueue<TraceLine> _lines = new ConcurrentQueue<TraceLine>();

        public void Verbose(string message) => _lines.Enqueue(new TraceLine(false, message));
        public void Debug(string message) => _lines.Enqueue(new TraceLine(true, message));

        public bool TryDequeue(out TraceLine line) => _lines.TryDequeue(out line);

        internal struct TraceLine
        {
            public TraceLine(bool isDebug, string message)
            {
                IsDebug = isDebug;
                Message = message;
            }

            public readonly bool IsDebug;
            public readonly string Message;
        }
    }
}
