namespace ContactsModule.Api
{
    /// <summary>One contact's line in a bulk tag answer.</summary>
    internal sealed class BulkTagItemResult
    {
        public string ContactId { get; set; }
        public bool Success { get; set; }
        public string Message { get; set; }
    }
}
