namespace ContactsModule.Execution
{
    /// <summary>Where a queued row's operation stands, as far as the server is concerned.</summary>
    internal enum QueuedRowState
    {
        /// <summary>Finished (successfully or not): its result is known.</summary>
        Completed,
        /// <summary>No request that changes data left the client for it: it was never sent.</summary>
        NotSent,
        /// <summary>A request that changes data left the client and its outcome is not known.</summary>
        Sent,
    }
}
