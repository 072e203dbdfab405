namespace ContactsEmulator;

/// <summary>A validated POST /contacts/search body.</summary>
public sealed class SearchRequest
{
    public string LocationId { get; init; }
    public int PageLimit { get; init; }
    public int Page { get; init; } = 1;

    /// <summary>Cursor values (long, string or null) or null when page-based paging is used.</summary>
    public List<object> SearchAfter { get; init; }
    public string Query { get; init; }
    public SearchFilter Filter { get; init; }
    public List<SearchSort> Sorts { get; init; }
}
