using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Execution
{
    /// <summary>
    /// For runs over many locations: at most PerLocation operations in flight in one location, and at most MaxLocations
    /// locations with operations in flight at once. Waiters are served in arrival order as far as the limits allow, so a
    /// location that is full never holds up rows of a location that has room.
    /// </summary>
    internal sealed class LocationThrottle
    {
        private readonly object _lock = new object();
        private readonly Dictionary<string, int> _inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly LinkedList<Waiter> _waiters = new LinkedList<Waiter>();

        public LocationThrottle(int perLocation, int maxLocations)
        {
            if (perLocation < 1) throw new ArgumentOutOfRangeException(nameof(perLocation));
            if (maxLocations < 1) throw new ArgumentOutOfRangeException(nameof(maxLocations));
            PerLocation = perLocation;
            MaxLocations = maxLocations;
        }

        public int PerLocation { get; }
        public int MaxLocations { get; }

        /// <summary>Locations with operations in flight now.</summary>
        public int ActiveLocations
        {
            get { lock (_lock) return _inFlight.Count; }
        }

        /// <summary>Waits for a slot in <paramref name="location"/>; dispose the result when the operation is done.</summary>
        public Task<IDisposable> EnterAsync(string location, CancellationToken cancellationToken)
        {
            location = location ?? string.Empty;
            List<Waiter> granted;
            Task<IDisposable> result;
            lock (_lock)
            {
                if (_waiters.Count == 0 && CanEnter(location))
                {
                    Take(location);
                    return Task.FromResult<IDisposable>(new Slot(this, location));
                }
                var waiter = new Waiter(location);
                var node = _waiters.AddLast(waiter);
                if (cancellationToken.CanBeCanceled)
                {
                    waiter.Registration = cancellationToken.Register(() =>
                    {
                        lock (_lock)
                        {
                            if (node.List == null) return;
                            _waiters.Remove(node);
                        }
                        waiter.Completion.TrySetCanceled();
                    });
                }
                result = waiter.Completion.Task;
                // Earlier waiters may all be blocked by their own locations' limits while this one has room.
                granted = TakeGrantable();
            }
            Complete(granted);
            return result;
        }

        private bool CanEnter(string location) =>
            _inFlight.TryGetValue(location, out int count) ? count < PerLocation : _inFlight.Count < MaxLocations;

        private void Take(string location)
        {
            _inFlight.TryGetValue(location, out int count);
            _inFlight[location] = count + 1;
        }

        private void Exit(string location)
        {
            List<Waiter> granted;
            lock (_lock)
            {
                int count = _inFlight[location] - 1;
                if (count == 0) _inFlight.Remove(location);
                else _inFlight[location] = count;
                granted = TakeGrantable();
            }
            Complete(granted);
        }

        /// <summary>Gives a slot to every waiter, oldest first, whose location has room now. Callers hold _lock.</summary>
        private List<Waiter> TakeGrantable()
        {
            var granted = new List<Waiter>();
            for (var node = _waiters.First; node != null;)
            {
                var next = node.Next;
                if (CanEnter(node.Value.Location))
                {
                    Take(node.Value.Location);
                    _waiters.Remove(node);
                    granted.Add(node.Value);
                }
                node = next;
            }
            return granted;
        }

        /// <summary>Completed outside the lock: the continuations may run synchronously.</summary>
        private void Complete(List<Waiter> granted)
        {
            foreach (var waiter in granted)
            {
                waiter.Registration.Dispose();
                if (!waiter.Completion.TrySetResult(new Slot(this, waiter.Location))) Exit(waiter.Location);
            }
        }

        private sealed class Waiter
        {
            public Waiter(string location)
            {
                Location = location;
            }

            public readonly string Location;
            public readonly TaskCompletionSource<IDisposable> Completion = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            public CancellationTokenRegistration Registration;
        }

        private sealed class Slot : IDisposable
        {
            private readonly LocationThrottle _owner;
            private readonly string _location;
            private int _disposed;

            public Slot(LocationThrottle owner, string location)
            {
                _owner = owner;
                _location = location;
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0) _owner.Exit(_location);
            }
        }
    }
}
