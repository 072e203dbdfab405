using System.Collections.Generic;

namespace ContactsModule.Api
{
    /// <summary>The answer of POST /contacts/bulk/tags/update/{add|remove}.</summary>
    internal sealed class BulkTagResult
    {
        public bool Succeeded { get; set; }
        public int ErrorCount { get; set; }
        public IReadOnlyList<BulkTagItemResult> Items { get; set; } = new BulkTagItemResult[0];
    }
}
