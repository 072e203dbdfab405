namespace ContactsEmulator;

/// <summary>Per-request state shared by the pipeline middleware and the endpoint handlers.</summary>
public sealed class RequestContext
{
    public string TraceId { get; } = Guid.NewGuid().ToString();
    public string RawBody { get; init; }
    public RequestLogEntry LogEntry { get; init; }
    public string Token { get; set; }

    /// <summary>The location the token belongs to.</summary>
    public string LocationId { get; set; }
    public bool Faultable { get; set; }

    /// <summary>Fault recorded in the request log: error, errorAfterStore, drop, dropBeforeStore, storm429, rateLimited.</summary>
    public string Fault { get; set; }

    /// <summary>The connection was aborted: no status reached the client.</summary>
    public bool Dropped { get; set; }
}
