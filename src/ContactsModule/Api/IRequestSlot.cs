using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// The in-flight slot of the operation a request belongs to (one input row, say). A request gives it up
    /// while it waits out a backoff, so other operations can use it, and reports when a change left the client.
    /// </summary>
    internal interface IRequestSlot
    {
        /// <summary>A request that can change data is about to leave the client.</summary>
        void MarkSent();

        /// <summary>Lets another operation use the slot.</summary>
        void Release();

        /// <summary>Completes once the slot is this operation's again.</summary>
        Task ReacquireAsync();
    }
}
