using System.Collections.Generic;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>One page of search results; NextSearchAfter is the cursor of its last contact (null when absent).</summary>
    internal sealed class SearchPage
    {
        public IReadOnlyList<Contact> Contacts { get; set; }
        public long Total { get; set; }
        public object[] NextSearchAfter { get; set; }
    }
}
