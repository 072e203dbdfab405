using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ContactsEmulator;

/// <summary>Writes HighLevel-shaped JSON responses and error bodies.</summary>
public static class ApiResponses
{
    // Relaxed escaping: "+" and other characters stay readable ("+1888...", not "\u002B1888...").
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body?.ToJsonString(Output) ?? "null", Encoding.UTF8);
    }

    public static Task Error(HttpContext context, int status, string message, string error = null, string traceId = null)
    {
        var body = new JsonObject { ["statusCode"] = status, ["message"] = message };
        if (error != null) body["error"] = error;
        if (traceId != null) body["traceId"] = traceId;
        return Json(context, status, body);
    }

    public static Task BadRequest(HttpContext context, string message, string traceId) =>
        Error(context, 400, message, "Bad Request", traceId);

    public static Task Validation(HttpContext context, IEnumerable<string> messages) =>
        Json(context, 422, new JsonObject
        {
            ["statusCode"] = 422,
            ["message"] = new JsonArray(messages.Select(m => (JsonNode)m).ToArray()),
            ["error"] = "Unprocessable Entity",
        });

    public static Task Unauthorized(HttpContext context) =>
        Error(context, 401, "Invalid token: access token is invalid", "Unauthorized");

    public static Task Forbidden(HttpContext context) =>
        Error(context, 403, "The token does not have access to this location");

    public static Task ContactNotFound(HttpContext context, string traceId) =>
        BadRequest(context, "Contact not found", traceId);

    public static Task TooManyRequests(HttpContext context) =>
        Error(context, 429, "Too many requests");

    public static Task Duplicate(HttpContext context, DuplicateMatch match, string traceId)
    {
        var meta = new JsonObject { ["contactId"] = match.ContactId, ["matchingField"] = match.MatchingField };
        if (match.ContactName != null) meta["contactName"] = match.ContactName;
        return Json(context, 400, new JsonObject
        {
            ["statusCode"] = 400,
            ["message"] = "This location does not allow duplicated contacts.",
            ["meta"] = meta,
            ["traceId"] = traceId,
        });
    }

    /// <summary>An injected server error: JSON, or the HTML page a gateway in front of the API would send.</summary>
    public static async Task ServerError(HttpContext context, int status, bool html)
    {
        var reason = status switch
        {
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => "Server Error",
        };
        if (!html)
        {
            // HighLevel's own JSON errors carry a traceId; a gateway's HTML page does not.
            await Error(context, status, reason, traceId: Guid.NewGuid().ToString());
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            Encoding.UTF8);
    }
}
