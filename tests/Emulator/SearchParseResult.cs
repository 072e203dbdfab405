namespace ContactsEmulator;

/// <summary>Either a request, 422 validation messages, or a 400 message (e.g. "Invalid field x").</summary>
public sealed class SearchParseResult
{
    public SearchRequest Request { get; init; }
    public List<string> ValidationErrors { get; init; } = [];
    public string BadRequest { get; init; }
}
