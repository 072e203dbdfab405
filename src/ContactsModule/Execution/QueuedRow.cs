using System.Threading.Tasks;

namespace ContactsModule.Execution
{
    /// <summary>A row taken out of the queue after a stop, with what is known about it.</summary>
    internal sealed class QueuedRow<TRow, TResult>
    {
        internal QueuedRow(TRow row, Task<TResult> task, QueuedRowState state, bool wasSent)
        {
            WasSent = wasSent;
            Row = row;
            Task = task;
            State = state;
        }

        public TRow Row { get; }
        public Task<TResult> Task { get; }
        public QueuedRowState State { get; }
        /// <summary>A request that changes data left the client for this row.</summary>
        public bool WasSent { get; }
    }
}
