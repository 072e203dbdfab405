using System.Collections.Generic;
using System.Text.Json;

namespace ContactsModule.Api
{
    /// <summary>HighLevel's error body: {statusCode, message (string or string[]), error, traceId, meta}.</summary>
    internal sealed class ApiErrorBody
    {
        public string[] Messages = new string[0];
        public string Error;
        public string TraceId;
        public string MetaContactId;
        public string MetaMatchingField;
        public string MetaContactName;

        /// <summary>Null when the body is not JSON (an HTML error page, say).</summary>
        public static ApiErrorBody TryParse(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var doc = JsonDocument.Parse(body))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return null;
                    var result = new ApiErrorBody
                    {
                        Error = Str(root, "error"),
                        TraceId = Str(root, "traceId"),
                    };
                    if (root.TryGetProperty("message", out var message))
                    {
                        if (message.ValueKind == JsonValueKind.Array)
                        {
                            var list = new List<string>();
                            foreach (var item in message.EnumerateArray()) list.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
                            result.Messages = list.ToArray();
                        }
                        else if (message.ValueKind == JsonValueKind.String)
                        {
                            result.Messages = new[] { message.GetString() };
                        }
                    }
                    if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
                    {
                        result.MetaContactId = Str(meta, "contactId");
                        result.MetaMatchingField = Str(meta, "matchingField");
                        result.MetaContactName = Str(meta, "contactName");
                    }
                    return result;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public static string TryReadTraceId(string body) => TryParse(body)?.TraceId;

        private static string Str(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
