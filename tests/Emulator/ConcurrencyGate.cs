namespace ContactsEmulator;

/// <summary>
/// Serves at most maxConcurrentRequests requests at once; the others wait in arrival order. A waiting request is
/// served even when its client has gone, as a busy server that never looks at the socket would.
/// </summary>
public sealed class ConcurrencyGate
{
    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private int _busy;

    public async Task<IDisposable> EnterAsync(int limit)
    {
        if (limit <= 0) return null;
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_busy < limit)
            {
                _busy++;
                return new Slot(this);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
        }
        await waiter.Task;
        return new Slot(this);
    }

    private void Leave()
    {
        TaskCompletionSource next = null;
        lock (_lock)
        {
            if (_waiting.Count > 0) next = _waiting.Dequeue();
            else _busy--;
        }
        next?.SetResult();
    }

    private sealed class Slot(ConcurrencyGate gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Leave();
        }
    }
}
