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
        // Operations waiting for an in-flight slot. A finishing operation starts the next one on its own thread:
        // no semaphore, so no extra thread-pool hop per row.
        private readonly Queue<PendingOperation> _pending = new Queue<PendingOperation>();
        private readonly object _lock = new object();
        private int _inFlight;

        public OrderedTaskQueue(int maxInFlight, int maxBuffered)
        {
            if (maxInFlight < 1) throw new ArgumentOutOfRangeException(nameof(maxInFlight));
            MaxInFlight = maxInFlight;
            MaxBuffered = Math.Max(maxInFlight, maxBuffered);
        }

        public int MaxInFlight { get; }
        public int MaxBuffered { get; }
        public int Count => _entries.Count;
        public bool IsFull => _entries.Count >= MaxBuffered;

        /// <summary>Starts the operation as soon as an in-flight slot is free.</summary>
        public void Enqueue(TRow row, Func<CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
        {
            var pending = new PendingOperation(operation, cancellationToken);
            _entries.Enqueue(new Entry(row, pending.Completion.Task));
            bool startNow;
            lock (_lock)
            {
                startNow = _inFlight < MaxInFlight;
                if (startNow) _inFlight++;
                else _pending.Enqueue(pending);
            }
            if (startNow) Start(pending);
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

        /// <summary>Removes and returns every row still waiting with its task, oldest first (after a stop).</summary>
        public List<KeyValuePair<TRow, Task<TResult>>> Drain()
        {
            var rows = new List<KeyValuePair<TRow, Task<TResult>>>();
            while (_entries.Count > 0)
            {
                var entry = _entries.Dequeue();
                rows.Add(new KeyValuePair<TRow, Task<TResult>>(entry.Row, entry.Task));
            }
            return rows;
        }

        private void Start(PendingOperation operation)
        {
            while (operation != null)
            {
                Task<TResult> task;
                try
                {
                    operation.CancellationToken.ThrowIfCancellationRequested();
                    task = operation.Operation(operation.CancellationToken);
                }
                catch (Exception ex)
                {
                    task = FromException(ex);
                }
                if (!task.IsCompleted)
                {
                    task.ContinueWith((finished, state) => Finish((PendingOperation)state, finished), operation,
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    return;
                }
                operation = CompleteAndTakeNext(operation, task);
            }
        }

        private void Finish(PendingOperation operation, Task<TResult> finished)
        {
            var next = CompleteAndTakeNext(operation, finished);
            if (next != null) Start(next);
        }

        /// <summary>Completes the row's task and takes the next waiting operation (null when none waits).</summary>
        private PendingOperation CompleteAndTakeNext(PendingOperation operation, Task<TResult> finished)
        {
            if (finished.IsCanceled) operation.Completion.TrySetCanceled();
            else if (finished.IsFaulted) operation.Completion.TrySetException(finished.Exception.InnerExceptions);
            else operation.Completion.TrySetResult(finished.Result);
            lock (_lock)
            {
                if (_pending.Count > 0) return _pending.Dequeue();
                _inFlight--;
                return null;
            }
        }

        private static Task<TResult> FromException(Exception ex)
        {
            var source = new TaskCompletionSource<TResult>();
            if (ex is OperationCanceledException) source.SetCanceled();
            else source.SetException(ex);
            return source.Task;
        }

        private sealed class PendingOperation
        {
            public PendingOperation(Func<CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
            {
                Operation = operation;
                CancellationToken = cancellationToken;
            }

            public readonly Func<CancellationToken, Task<TResult>> Operation;
            public readonly CancellationToken CancellationToken;
            public readonly TaskCompletionSource<TResult> Completion = new TaskCompletionSource<TResult>();
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
