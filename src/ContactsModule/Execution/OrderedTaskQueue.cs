using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Execution
{
    /// <summary>
    /// Runs up to MaxInFlight operations at once while handing their results back strictly in the order the
    /// rows arrived. Holds at most MaxBuffered rows, so memory stays flat however long the input is.
    /// Single producer/consumer: the pipeline thread calls every member.
    /// </summary>
    public sealed class OrderedTaskQueue<TRow, TResult>
    {
        private readonly Queue<Entry> _entries = new Queue<Entry>();
        private readonly SemaphoreSlim _slots;

        public OrderedTaskQueue(int maxInFlight, int maxBuffered)
        {
            if (maxInFlight < 1) throw new ArgumentOutOfRangeException(nameof(maxInFlight));
            MaxInFlight = maxInFlight;
            MaxBuffered = Math.Max(maxInFlight, maxBuffered);
            _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        }

        public int MaxInFlight { get; }
        public int MaxBuffered { get; }
        public int Count => _entries.Count;
        public bool IsFull => _entries.Count >= MaxBuffered;

        /// <summary>Starts the operation as soon as an in-flight slot is free.</summary>
        public void Enqueue(TRow row, Func<CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
        {
            _entries.Enqueue(new Entry(row, RunAsync(operation, cancellationToken)));
        }

        /// <summary>A row whose result is already known (a validation failure, say) keeps its place in the order.</summary>
        public void EnqueueCompleted(TRow row, TResult result)
        {
            var source = new TaskCompletionSource<TResult>();
            source.SetResult(result);
            _entries.Enqueue(new Entry(row, source.Task));
        }

        /// <summary>The oldest row, once its operation has finished (successfully or not).</summary>
        public bool TryDequeueCompleted(out TRow row, out Task<TResult> task)
        {
            if (_entries.Count > 0 && _entries.Peek().Task.IsCompleted)
            {
                var entry = _entries.Dequeue();
                row = entry.Row;
                task = entry.Task;
                return true;
            }
            row = default(TRow);
            task = null;
            return false;
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the oldest row to finish; true when it has.</summary>
        public bool WaitForOldest(TimeSpan timeout)
        {
            if (_entries.Count == 0) return false;
            var task = _entries.Peek().Task;
            try
            {
                return task.Wait(timeout);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        /// <summary>Removes and returns every row still waiting, oldest first (after a stop).</summary>
        public List<TRow> DrainRows()
        {
            var rows = new List<TRow>();
            while (_entries.Count > 0) rows.Add(_entries.Dequeue().Row);
            return rows;
        }

        private async Task<TResult> RunAsync(Func<CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        private struct Entry
        {
            public Entry(TRow row, Task<TResult> task)
            {
                Row = row;
                Task = task;
            }

            public readonly TRow Row;
            public readonly Task<TResult> Task;
        }
    }
}
