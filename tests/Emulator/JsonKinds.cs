using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>Small helpers to ask what kind of JSON value a node holds.</summary>
public static class JsonKinds
{
    public static JsonValueKind KindOf(JsonNode node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool IsString(JsonNode node) => KindOf(node) == JsonValueKind.String;

    public static bool IsBool(JsonNode node) => KindOf(node) is JsonValueKind.True or JsonValueKind.False;

    public static bool IsNumber(JsonNode node) => KindOf(node) == JsonValueKind.Number;

    public static bool IsNull(JsonNode node) => node is null;

    public static string AsString(JsonNode node) => IsString(node) ? node.GetValue<string>() : null;

    public static bool IsStringArray(JsonNode node) =>
        node is JsonArray array && array.All(IsString);

    /// <summary>A whole number within Int32 range, or null.</summary>
    public static int? AsInt(JsonNode node)
    {
        if (!IsNumber(node)) return null;
        var value = node.AsValue();
        if (value.TryGetValue<int>(out var i)) return i;
        if (value.TryGetValue<double>(out var d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue) return (int)d;
        return null;
    }
}
