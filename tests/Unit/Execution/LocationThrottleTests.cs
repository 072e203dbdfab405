using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Execution;
using Xunit;

namespace ContactsModule.Tests.Execution
{
    public class LocationThrottleTests
    {
        private static async Task<bool> Within(Task task)
        {
            var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5)));
            return done == task;
        }

        [Fact]
        public async Task KeepsEachLocationWithinItsLimit()
        {
            var throttle = new LocationThrottle(perLocation: 2, maxLocations: 4);
            var a1 = throttle.EnterAsync("a", CancellationToken.None);
            var a2 = throttle.EnterAsync("a", CancellationToken.None);
            var a3 = throttle.EnterAsync("a", CancellationToken.None);
            Assert.True(a1.IsCompleted && a2.IsCompleted);
            Assert.False(a3.IsCompleted);
            (await a1).Dispose();
            Assert.True(await Within(a3));
        }

        [Fact]
        public async Task AFullLocationDoesNotHoldUpAnotherOne()
        {
            var throttle = new LocationThrottle(perLocation: 1, maxLocations: 4);
            var a1 = throttle.EnterAsync("a", CancellationToken.None);
            var a2 = throttle.EnterAsync("a", CancellationToken.None);
            var b1 = throttle.EnterAsync("b", CancellationToken.None);
            Assert.True(a1.IsCompleted);
            Assert.False(a2.IsCompleted);
            Assert.True(await Within(b1), "b has room although an earlier row of a waits");
        }

        [Fact]
        public async Task CapsTheLocationsWorkedAtOnce()
        {
            var throttle = new LocationThrottle(perLocation: 5, maxLocations: 2);
            var a = throttle.EnterAsync("a", CancellationToken.None);
            var b = throttle.EnterAsync("b", CancellationToken.None);
            var c = throttle.EnterAsync("c", CancellationToken.None);
            var aMore = throttle.EnterAsync("a", CancellationToken.None);
            Assert.True(a.IsCompleted && b.IsCompleted);
            Assert.False(c.IsCompleted);
            Assert.True(await Within(aMore), "a location already worked on takes more rows");
            Assert.Equal(2, throttle.ActiveLocations);
            (await b).Dispose();
            Assert.True(await Within(c), "c starts once b has nothing in flight");
            Assert.Equal(2, throttle.ActiveLocations);
        }

        [Fact]
        public async Task ACancelledWaiterLeavesTheQueue()
        {
            var throttle = new LocationThrottle(perLocation: 1, maxLocations: 1);
            var first = throttle.EnterAsync("a", CancellationToken.None);
            using (var cancel = new CancellationTokenSource())
            {
                var waiting = throttle.EnterAsync("a", cancel.Token);
                cancel.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
                Assert.True(waiting.IsCanceled);
            }
            var next = throttle.EnterAsync("a", CancellationToken.None);
            (await first).Dispose();
            Assert.True(await Within(next));
        }

        [Fact]
        public async Task ManyConcurrentOperationsNeverExceedTheLimits()
        {
            var throttle = new LocationThrottle(perLocation: 3, maxLocations: 2);
            var inFlight = new Dictionary<string, int>();
            int maxPerLocation = 0, maxLocations = 0;
            var gate = new object();
            var tasks = new List<Task>();
            for (int i = 0; i < 200; i++)
            {
                string location = "loc" + (i % 5);
                tasks.Add(Task.Run(async () =>
                {
                    using (await throttle.EnterAsync(location, CancellationToken.None))
                    {
                        lock (gate)
                        {
                            inFlight.TryGetValue(location, out int n);
                            inFlight[location] = n + 1;
                            maxPerLocation = Math.Max(maxPerLocation, n + 1);
                            int active = 0;
                            foreach (var count in inFlight.Values) if (count > 0) active++;
                            maxLocations = Math.Max(maxLocations, active);
                        }
                        await Task.Delay(1);
                        lock (gate) inFlight[location]--;
                    }
                }));
            }
            Assert.True(await Within(Task.WhenAll(tasks)));
            Assert.True(maxPerLocation <= 3);
            Assert.True(maxLocations <= 2);
        }
    }
}
