using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>What a store operation did, with the rendered data the endpoint answers with.</summary>
public sealed class StoreResult
{
    public StoreOutcome Outcome { get; init; }
    public JsonObject Contact { get; init; }
    public JsonArray Tags { get; init; }
    public DuplicateMatch Duplicate { get; init; }
    public bool Created { get; init; }

    public static readonly StoreResult NotFound = new() { Outcome = StoreOutcome.NotFound };
    public static readonly StoreResult Forbidden = new() { Outcome = StoreOutcome.Forbidden };
}
