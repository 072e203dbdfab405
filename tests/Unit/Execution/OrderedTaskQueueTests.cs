using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Execution;
using Xunit;

namespace ContactsModule.Tests.Execution
{
    public class OrderedTaskQueueTests
    {
        [Fact]
        public async Task ResultsComeBackInInputOrderWhateverOrderTheyFinishIn()
        {
            var queue = new OrderedTaskQueue<int, int>(maxInFlight: 4, maxBuffered: 16);
            var gates = new List<TaskCompletionSource<int>>();
            for (int i = 0; i < 8; i++)
            {
                var gate = new TaskCompletionSource<int>();
                gates.Add(gate);
                queue.Enqueue(i, _ => gate.Task, CancellationToken.None);
            }
            // Finish the later rows first.
            for (int i = 7; i >= 0; i--) gates[i].TrySetResult(i * 10);

            var rows = new List<int>();
            while (queue.Count > 0)
            {
                queue.WaitForOldest(TimeSpan.FromSeconds(5));
                while (queue.TryDequeueCompleted(out int row, out var task))
                {
                    Assert.Equal(row * 10, await task);
                    rows.Add(row);
                }
            }
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, rows);
        }

        [Fact]
        public void NeverRunsMoreThanMaxInFlightAtOnce()
        {
            var queue = new OrderedTaskQueue<int, int>(maxInFlight: 3, maxBuffered: 50);
            int running = 0, peak = 0;
            for (int i = 0; i < 30; i++)
            {
                int row = i;
                queue.Enqueue(row, async _ =>
                {
                    int now = Interlocked.Increment(ref running);
                    int seen;
                    while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
                    await Task.Yield();
                    Thread.Sleep(1);
                    Interlocked.Decrement(ref running);
                    return row;
                }, CancellationToken.None);
            }
            int done = 0;
            while (queue.Count > 0)
            {
                queue.WaitForOldest(TimeSpan.FromSeconds(5));
                while (queue.TryDequeueCompleted(out _, out _)) done++;
            }
            Assert.Equal(30, done);
            Assert.InRange(peak, 1, 3);
        }

        [Fact]
        public async Task AFailedOperationFaultsOnlyItsOwnRow()
        {
            var queue = new OrderedTaskQueue<string, int>(maxInFlight: 2, maxBuffered: 8);
            queue.Enqueue("a", _ => Task.FromResult(1), CancellationToken.None);
            queue.Enqueue("b", _ => throw new InvalidOperationException("boom"), CancellationToken.None);
            queue.Enqueue("c", _ => Task.FromResult(3), CancellationToken.None);
            var results = new Dictionary<string, Task<int>>();
            while (queue.Count > 0)
            {
                queue.WaitForOldest(TimeSpan.FromSeconds(5));
                while (queue.TryDequeueCompleted(out var row, out var task)) results[row] = task;
            }
            Assert.Equal(1, await results["a"]);
            Assert.IsType<InvalidOperationException>(results["b"].Exception.GetBaseException());
            Assert.Equal(3, await results["c"]);
        }

        [Fact]
        public void CancelledRowsThatNeverStartedEndCancelled()
        {
            using var stop = new CancellationTokenSource();
            var queue = new OrderedTaskQueue<int, int>(maxInFlight: 1, maxBuffered: 8);
            var blocker = new TaskCompletionSource<int>();
            int started = 0;
            queue.Enqueue(0, ct => { Interlocked.Increment(ref started); ct.Register(() => blocker.TrySetCanceled()); return blocker.Task; }, stop.Token);
            for (int i = 1; i < 4; i++) queue.Enqueue(i, _ => { Interlocked.Increment(ref started); return Task.FromResult(1); }, stop.Token);
            stop.Cancel();
            var states = new List<bool>();
            while (queue.Count > 0)
            {
                queue.WaitForOldest(TimeSpan.FromSeconds(5));
                while (queue.TryDequeueCompleted(out _, out var task)) states.Add(task.IsCanceled);
            }
            Assert.Equal(new[] { true, true, true, true }, states);
            Assert.Equal(1, started);
        }

        [Fact]
        public async Task KnownResultsKeepTheirPlace()
        {
            var queue = new OrderedTaskQueue<int, string>(maxInFlight: 2, maxBuffered: 8);
            var slow = new TaskCompletionSource<string>();
            queue.Enqueue(1, _ => slow.Task, CancellationToken.None);
            queue.EnqueueCompleted(2, "invalid");
            Assert.False(queue.TryDequeueCompleted(out _, out _));
            slow.SetResult("created");
            queue.WaitForOldest(TimeSpan.FromSeconds(5));
            Assert.True(queue.TryDequeueCompleted(out int first, out var firstTask));
            Assert.True(queue.TryDequeueCompleted(out int second, out var secondTask));
            Assert.Equal((1, "created"), (first, await firstTask));
            Assert.Equal((2, "invalid"), (second, await secondTask));
        }
    }
}
