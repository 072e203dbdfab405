using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>One search filter, or a group (AND/OR) of filters.</summary>
public sealed class SearchFilter
{
    public string Field { get; init; }
    public SearchFieldKind Kind { get; init; }
    public string Operator { get; init; }
    public JsonNode Value { get; init; }

    /// <summary>"AND" or "OR" for a group; null for a leaf filter.</summary>
    public string Group { get; init; }
    public List<SearchFilter> Children { get; init; } = [];
}
