using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>One logged non-admin request. Mutated only under the <see cref="RequestLog"/> lock.</summary>
public sealed class RequestLogEntry
{
    public long Seq { get; init; }
    public DateTime Time { get; init; }
    public double ElapsedMs { get; init; }
    public string Method { get; init; }
    public string Path { get; init; }
    public string Query { get; init; }
    public Dictionary<string, string> Headers { get; init; }
    public string Body { get; init; }
    public int Status { get; set; }
    public string Fault { get; set; }
    public double DurationMs { get; set; }
    public bool Completed { get; set; }
    /// <summary>Method and route template ("PUT /contacts/{contactId}"), or method and path when no route answered.</summary>
    public string Endpoint { get; set; }

    /// <summary>The location the request's bearer token belongs to (null: no valid location token).</summary>
    public string TokenLocationId { get; set; }

    public JsonObject ToJson()
    {
        var headers = new JsonObject();
        foreach (var (name, value) in Headers) headers[name] = value;
        return new JsonObject
        {
            ["seq"] = Seq,
            ["time"] = IsoTime.Format(Time),
            ["elapsedMs"] = ElapsedMs,
            ["method"] = Method,
            ["path"] = Path,
            ["query"] = Query,
            ["headers"] = headers,
            ["body"] = Body,
            ["status"] = Status,
            ["fault"] = Fault,
            ["durationMs"] = DurationMs,
            ["completed"] = Completed,
            ["endpoint"] = Endpoint,
            ["tokenLocationId"] = TokenLocationId,
        };
    }
}
