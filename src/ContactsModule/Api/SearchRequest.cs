using System.Collections.Generic;

namespace ContactsModule.Api
{
    /// <summary>One page request of POST /contacts/search.</summary>
    internal sealed class SearchRequest
    {
        public string LocationId { get; set; }
        public int PageLimit { get; set; } = 500;
        /// <summary>1-based page; ignored when SearchAfter is set.</summary>
        public int? Page { get; set; }
        /// <summary>The cursor of the last contact of the previous page.</summary>
        public object[] SearchAfter { get; set; }
        public string Query { get; set; }
        public List<SearchFilter> Filters { get; } = new List<SearchFilter>();
        public List<KeyValuePair<string, string>> Sort { get; } = new List<KeyValuePair<string, string>>();
    }
}
