using System;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>The slot of the operation running on this async flow (null outside a queued operation).</summary>
    internal static class RequestSlots
    {
        private static readonly AsyncLocal<IRequestSlot> CurrentSlot = new AsyncLocal<IRequestSlot>();

        public static IRequestSlot Current
        {
            get => CurrentSlot.Value;
            set => CurrentSlot.Value = value;
        }

        /// <summary>Waits <paramref name="delay"/> without holding the slot, then takes it back.</summary>
        public static Task DelayOutsideSlotAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            WaitOutsideSlotAsync(Task.Delay(delay, cancellationToken));

        /// <summary>Waits for <paramref name="task"/> without holding the slot, then takes it back.</summary>
        public static async Task WaitOutsideSlotAsync(Task task)
        {
            var slot = Current;
            if (slot == null)
            {
                await task.ConfigureAwait(false);
                return;
            }
            slot.Release();
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                await slot.ReacquireAsync().ConfigureAwait(false);
            }
        }
    }
}
