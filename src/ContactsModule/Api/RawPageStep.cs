namespace ContactsModule.Api
{
    /// <summary>What -Paginate does after one page: send Next, stop (Next null), or refuse a next page (Refusal).</summary>
    internal sealed class RawPageStep
    {
        public RawApiRequest Next { get; set; }
        /// <summary>searchAfter, startAfterId or meta.nextPageUrl; null when the answer showed no paging.</summary>
        public string Style { get; set; }
        /// <summary>Why the next page the answer points to is not fetched (another host, say).</summary>
        public string Refusal { get; set; }
        /// <summary>Why paging stopped, for -Verbose.</summary>
        public string Reason { get; set; }
    }
}
