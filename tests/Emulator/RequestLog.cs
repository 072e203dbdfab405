using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ContactsEmulator;

/// <summary>The log of every non-admin request, in arrival order, capped at requestLogLimit entries.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _seq;

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
            _entries.AddLast(entry);
            while (_entries.Count > limit) _entries.RemoveFirst();
            return entry;
        }
    }

    public void Complete(RequestLogEntry entry, int status, string fault, double durationMs)
    {
        lock (_gate)
        {
            entry.Status = status;
            entry.Fault = fault;
            entry.DurationMs = Math.Round(durationMs, 3);
            entry.Completed = true;
        }
    }

    public JsonArray ToJson(long sinceSeq)
    {
        lock (_gate)
        {
            return new JsonArray(_entries.Where(e => e.Seq > sinceSeq).Select(e => (JsonNode)e.ToJson()).ToArray());
        }
    }

    public int Clear(bool resetSequence)
    {
        lock (_gate)
        {
            var count = _entries.Count;
            _entries.Clear();
            if (resetSequence) _seq = 0;
            return count;
        }
    }
}
