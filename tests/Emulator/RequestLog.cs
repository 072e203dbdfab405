using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ContactsEmulator;

/// <summary>The log of every non-admin request, in arrival order, capped at requestLogLimit entries.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _seq;
    // Counted over every request since the last reset, whatever requestLogLimit keeps.
    private long _total;
    private readonly Dictionary<int, long> _byStatus = new();
    private readonly Dictionary<string, long> _byFault = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byEndpoint = new(StringComparer.Ordinal);

    public RequestLogEntry Begin(HttpContext context, string body, double elapsedMs, int limit)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers) headers[header.Key] = header.Value.ToString();
        var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : string.Empty;
        lock (_gate)
        {
            var entry = new RequestLogEntry
            {
                Seq = ++_seq,
                Time = IsoTime.NowMs(),
                ElapsedMs = Math.Round(elapsedMs, 3),
                Method = context.Request.Method,
                Path = context.Request.Path.Value,
                Query = query,
                Headers = headers,
                Body = string.IsNullOrEmpty(body) ? null : body,
            };
            _total++;
            _entries.AddLast(entry);
            while (_entries.Count > limit) _entries.RemoveFirst();
            return entry;
        }
    }

    /// <param name="endpoint">"GET /locations/{locationId}/customFields": the method and route template that answered.</param>
    public void Complete(RequestLogEntry entry, int status, string fault, double durationMs, string endpoint)
    {
        lock (_gate)
        {
            entry.Endpoint = endpoint;
            _byEndpoint[endpoint] = _byEndpoint.GetValueOrDefault(endpoint) + 1;
            entry.Status = status;
            entry.Fault = fault;
            entry.DurationMs = Math.Round(durationMs, 3);
            entry.Completed = true;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            if (fault != null) _byFault[fault] = _byFault.GetValueOrDefault(fault) + 1;
        }
    }

    public JsonArray ToJson(long sinceSeq)
    {
        lock (_gate)
        {
            return new JsonArray(_entries.Where(e => e.Seq > sinceSeq).Select(e => (JsonNode)e.ToJson()).ToArray());
        }
    }

    /// <summary>{requests, byStatus: {"201": n, ...}, byFault: {"drop": n, ...}, byEndpoint: {"POST /contacts": n, ...}} since the last reset.</summary>
    public JsonObject Stats()
    {
        lock (_gate)
        {
            var byStatus = new JsonObject();
            foreach (var (status, count) in _byStatus.OrderBy(p => p.Key)) byStatus[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
            var byFault = new JsonObject();
            foreach (var (fault, count) in _byFault.OrderBy(p => p.Key, StringComparer.Ordinal)) byFault[fault] = count;
            var byEndpoint = new JsonObject();
            foreach (var (endpoint, count) in _byEndpoint.OrderBy(p => p.Key, StringComparer.Ordinal)) byEndpoint[endpoint] = count;
            return new JsonObject { ["requests"] = _total, ["byStatus"] = byStatus, ["byFault"] = byFault, ["byEndpoint"] = byEndpoint };
        }
    }

    public int Clear(bool resetSequence)
    {
        lock (_gate)
        {
            var count = _entries.Count;
            _entries.Clear();
            _total = 0;
            _byStatus.Clear();
            _byFault.Clear();
            _byEndpoint.Clear();
            if (resetSequence) _seq = 0;
            return count;
        }
    }
}
