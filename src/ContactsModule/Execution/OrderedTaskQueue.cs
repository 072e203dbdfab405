using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;

namespace ContactsModule.Execution
{
    /// <summary>
    /// Runs up to MaxInFlight operations at once while handing their results back strictly in the order the
    /// rows arrived. Holds at most MaxBuffered rows, so memory stays flat however long the input is. An operation
    /// that waits (a backoff, say) gives its slot up through RequestSlots, so waiting rows do not hold back the
    /// others. Single producer/consumer: the pipeline thread calls every public member.
    /// </summary>
    internal sealed class OrderedTaskQueue<TRow, TResult>
    {
        private readonly Queue<Entry> _entries = new Queue<Entry>();
        // Operations waiting for an in-flight slot. A finishing operation starts the next one on its own thread:
        // no semaphore, so no extra thread-pool hop per row.
        private readonly Queue<PendingOperation> _pending = new Queue<PendingOperation>();
        // Started operations that gave their slot up and want it back; they go before operations not yet started.
        private readonly Queue<TaskCompletionSource<bool>> _resuming = new Queue<TaskCompletionSource<bool>>();
        private readonly object _lock = new object();
        private int _inFlight;
        private bool _stopped;

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

        /// <summary>Starts the operation as soon as an in-flight slot is free; returns the row's result task.</summary>
        public Task<TResult> Enqueue(TRow row, Func<CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
        {
            var pending = new PendingOperation(this, operation, cancellationToken);
            _entries.Enqueue(new Entry(row, pending.Completion.Task, pending));
            bool startNow;
            lock (_lock)
            {
                if (_stopped)
                {
                    pending.Abandon();
                    return pending.Completion.Task;
                }
                startNow = _inFlight < MaxInFlight;
                if (startNow) _inFlight++;
                else _pending.Enqueue(pending);
            }
            if (startNow) Start(pending);
            return pending.Completion.Task;
        }

        /// <summary>A row whose result is already known (a validation failure, say) keeps its place in the order.</summary>
        public void EnqueueCompleted(TRow row, TResult result)
        {
            var source = new TaskCompletionSource<TResult>();
            source.SetResult(result);
            _entries.Enqueue(new Entry(row, source.Task, null));
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
            return WaitQuietly(_entries.Peek().Task, timeout);
        }

        /// <summary>
        /// After a stop: no operation starts any more, and every started one that has not sent a change yet is
        /// cancelled before it can. Operations whose change left the client go on (see WaitForSent).
        /// </summary>
        public void StopSending()
        {
            List<PendingOperation> waiting;
            lock (_lock)
            {
                _stopped = true;
                waiting = new List<PendingOperation>(_pending);
                _pending.Clear();
            }
            foreach (var operation in waiting) operation.Abandon();
            foreach (var entry in _entries) entry.Operation?.StopIfNotSent();
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the operations whose change left the client to finish.</summary>
        public void WaitForSent(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            foreach (var entry in _entries)
            {
                if (entry.Operation == null || entry.Task.IsCompleted || !entry.Operation.WasSent) continue;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return;
                WaitQuietly(entry.Task, left);
            }
        }

        /// <summary>Removes and returns every row still waiting with its task, oldest first (after a stop).</summary>
        public List<KeyValuePair<TRow, Task<TResult>>> Drain()
        {
            var rows = new List<KeyValuePair<TRow, Task<TResult>>>();
            foreach (var row in DrainRows()) rows.Add(new KeyValuePair<TRow, Task<TResult>>(row.Row, row.Task));
            return rows;
        }

        /// <summary>Removes and returns every row still waiting, oldest first, each with whether its change left the client.</summary>
        public List<QueuedRow<TRow, TResult>> DrainRows()
        {
            var rows = new List<QueuedRow<TRow, TResult>>();
            while (_entries.Count > 0)
            {
                var entry = _entries.Dequeue();
                bool sent = entry.Operation != null && entry.Operation.WasSent;
                var state = entry.Task.IsCompleted && !entry.Task.IsCanceled ? QueuedRowState.Completed
                    : sent ? QueuedRowState.Sent : QueuedRowState.NotSent;
                rows.Add(new QueuedRow<TRow, TResult>(entry.Row, entry.Task, state, sent));
            }
            return rows;
        }

        private static bool WaitQuietly(Task task, TimeSpan timeout)
        {
            try
            {
                return task.Wait(timeout);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        private void Start(PendingOperation operation)
        {
            while (operation != null)
            {
                Task<TResult> task;
                var outer = RequestSlots.Current;
                try
                {
                    operation.CancellationToken.ThrowIfCancellationRequested();
                    if (!operation.TryStart()) throw new OperationCanceledException();
                    // The operation's async flow sees its own slot; this thread gets its own value back below.
                    RequestSlots.Current = operation;
                    task = operation.Operation(operation.Token);
                }
                catch (Exception ex)
                {
                    task = FromException(ex);
                }
                finally
                {
                    RequestSlots.Current = outer;
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

        /// <summary>Completes the row's task and passes its slot on (null when no operation waits to start).</summary>
        private PendingOperation CompleteAndTakeNext(PendingOperation operation, Task<TResult> finished)
        {
            operation.Dispose();
            if (finished.IsCanceled) operation.Completion.TrySetCanceled();
            else if (finished.IsFaulted) operation.Completion.TrySetException(finished.Exception.InnerExceptions);
            else operation.Completion.TrySetResult(finished.Result);
            return PassSlotOn();
        }

        /// <summary>The caller gives its slot up: to a resuming operation, else to the next waiting one (returned), else back to the pool.</summary>
        private PendingOperation PassSlotOn()
        {
            TaskCompletionSource<bool> resumer = null;
            PendingOperation next = null;
            lock (_lock)
            {
                if (_resuming.Count > 0) resumer = _resuming.Dequeue();
                else if (_pending.Count > 0) next = _pending.Dequeue();
                else _inFlight--;
            }
            resumer?.TrySetResult(true);
            return next;
        }

        private void ReleaseSlot()
        {
            var next = PassSlotOn();
            if (next != null) Task.Run(() => Start(next));
        }

        private Task ReacquireSlot()
        {
            lock (_lock)
            {
                if (_inFlight < MaxInFlight)
                {
                    _inFlight++;
                    return Task.CompletedTask;
                }
                var source = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _resuming.Enqueue(source);
                return source.Task;
            }
        }

        private static Task<TResult> FromException(Exception ex)
        {
            var source = new TaskCompletionSource<TResult>();
            if (ex is OperationCanceledException) source.SetCanceled();
            else source.SetException(ex);
            return source.Task;
        }

        private sealed class PendingOperation : IRequestSlot
        {
            private const int Waiting = 0, Started = 1, Sent = 2, Stopped = 3;
            private readonly OrderedTaskQueue<TRow, TResult> _queue;
            private readonly CancellationTokenSource _cancel;
            private int _state;

            public PendingOperation(OrderedTaskQueue<TRow, TResult> queue, Func<CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
            {
                _queue = queue;
                Operation = operation;
                CancellationToken = cancellationToken;
                _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            }

            public readonly Func<CancellationToken, Task<TResult>> Operation;
            public readonly CancellationToken CancellationToken;
            public readonly TaskCompletionSource<TResult> Completion = new TaskCompletionSource<TResult>();

            /// <summary>The operation's own token: the run's, or cancelled alone when a stop finds it has sent nothing.</summary>
            public CancellationToken Token => _cancel.Token;

            public bool WasSent => Volatile.Read(ref _state) == Sent;

            public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;

            public void Abandon()
            {
                Interlocked.CompareExchange(ref _state, Stopped, Waiting);
                Completion.TrySetCanceled();
            }

            public void StopIfNotSent()
            {
                if (Interlocked.CompareExchange(ref _state, Stopped, Started) != Started) return;
                try
                {
                    _cancel.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            public void MarkSent()
            {
                int state = Interlocked.CompareExchange(ref _state, Sent, Started);
                if (state == Stopped) throw new OperationCanceledException("The run was stopped before this request was sent.");
            }

            public void Release() => _queue.ReleaseSlot();

            public Task ReacquireAsync() => _queue.ReacquireSlot();

            public void Dispose()
            {
                try
                {
                    _cancel.Dispose();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        private struct Entry
        {
            public Entry(TRow row, Task<TResult> task, PendingOperation operation)
            {
                Row = row;
                Task = task;
                Operation = operation;
            }

            public readonly TRow Row;
            public readonly Task<TResult> Task;
            public readonly PendingOperation Operation;
        }
    }
}
