using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ContactsModule.Api
{
    /// <summary>
    /// HighLevel's paging styles, read from an answer: a search's searchAfter cursor (the last item's searchAfter goes
    /// into the next body), the list's meta.nextPageUrl (followed only on the connection's own host), and
    /// meta.startAfterId / meta.startAfter (put into the next query).
    /// </summary>
    internal static class RawPaging
    {
        public static RawPageStep Next(RawApiRequest current, string responseBody, Uri baseUri)
        {
            JsonDocument doc;
            try
            {
                if (string.IsNullOrWhiteSpace(responseBody)) return Stop(null, "the answer has no body");
                doc = JsonDocument.Parse(responseBody);
            }
            catch (JsonException)
            {
                return Stop(null, "the answer is not JSON");
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return Stop(null, "the answer is not a JSON object");
                int? items = FirstArrayCount(root, out var lastItem);

                if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
                {
                    if (meta.TryGetProperty("nextPageUrl", out var url))
                    {
                        if (url.ValueKind != JsonValueKind.String || url.GetString().Length == 0)
                            return Stop("meta.nextPageUrl", "meta.nextPageUrl is empty: this was the last page");
                        string relative = RawApiPath.RelativeTo(baseUri, url.GetString(), out var refusal);
                        if (relative == null)
                            return new RawPageStep { Style = "meta.nextPageUrl", Refusal = "meta.nextPageUrl " + url.GetString() + " was not followed: " + refusal + "." };
                        RawApiPath.TryParse(relative, out var path, out var query, out _);
                        return Continue(current, current.With(path, query, current.JsonBody), "meta.nextPageUrl");
                    }
                    if (meta.TryGetProperty("startAfterId", out var afterId) && afterId.ValueKind == JsonValueKind.String && afterId.GetString().Length > 0)
                    {
                        if (items == 0) return Stop("startAfterId", "the page was empty");
                        if (items.HasValue && ShortPage(items.Value, QueryNumber(current, "limit")))
                            return Stop("startAfterId", "the page was shorter than the limit");
                        var query = new List<KeyValuePair<string, string>>(current.Query);
                        Set(query, "startAfterId", afterId.GetString());
                        if (meta.TryGetProperty("startAfter", out var after) && after.ValueKind != JsonValueKind.Null)
                            Set(query, "startAfter", after.ValueKind == JsonValueKind.String ? after.GetString() : after.GetRawText());
                        return Continue(current, current.With(current.Path, query, current.JsonBody), "startAfterId");
                    }
                }

                if (lastItem.HasValue && lastItem.Value.ValueKind == JsonValueKind.Object &&
                    lastItem.Value.TryGetProperty("searchAfter", out var cursor) && cursor.ValueKind == JsonValueKind.Array)
                {
                    if (!TryReadObject(current.JsonBody, out var body))
                        return Stop("searchAfter", "the request had no JSON object body to put the cursor in");
                    if (ShortPage(items ?? 0, BodyNumber(body, "pageLimit") ?? BodyNumber(body, "limit")))
                        return Stop("searchAfter", "the page was shorter than the page limit");
                    string next = ContactJson.Write(writer =>
                    {
                        writer.WriteStartObject();
                        foreach (var property in body.EnumerateObject())
                        {
                            if (property.Name == "searchAfter" || property.Name == "page") continue;
                            property.WriteTo(writer);
                        }
                        writer.WritePropertyName("searchAfter");
                        cursor.WriteTo(writer);
                        writer.WriteEndObject();
                    });
                    return Continue(current, current.With(current.Path, current.Query, next), "searchAfter");
                }
                if (items == 0) return Stop(null, "the page was empty");
                return Stop(null, "the answer shows no searchAfter, startAfterId or meta.nextPageUrl");
            }
        }

        private static RawPageStep Continue(RawApiRequest current, RawApiRequest next, string style)
        {
            if (next.PathAndQuery == current.PathAndQuery && next.JsonBody == current.JsonBody)
                return Stop(style, "the next page would be the same request again");
            return new RawPageStep { Next = next, Style = style };
        }

        private static RawPageStep Stop(string style, string reason) => new RawPageStep { Style = style, Reason = reason };

        private static bool ShortPage(int count, long? limit) => count == 0 || (limit.HasValue && count < limit.Value);

        /// <summary>The number of items of the answer's first array property (contacts, notes, tasks...), with its last item.</summary>
        private static int? FirstArrayCount(JsonElement root, out JsonElement? last)
        {
            last = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Array) continue;
                int count = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    count++;
                    last = item.Clone();
                }
                return count;
            }
            return null;
        }

        private static bool TryReadObject(string json, out JsonElement body)
        {
            body = default;
            if (string.IsNullOrWhiteSpace(json)) return false;
            try
            {
                using (var doc = JsonDocument.Parse(json))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
                    body = doc.RootElement.Clone();
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static long? BodyNumber(JsonElement body, string name) =>
            body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : (long?)null;

        private static long? QueryNumber(RawApiRequest request, string name)
        {
            foreach (var pair in request.Query)
            {
                if (string.Equals(pair.Key, name, StringComparison.Ordinal) &&
                    long.TryParse(pair.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)) return n;
            }
            return null;
        }

        private static void Set(List<KeyValuePair<string, string>> query, string name, string value)
        {
            query.RemoveAll(pair => string.Equals(pair.Key, name, StringComparison.Ordinal));
            query.Add(new KeyValuePair<string, string>(name, value));
        }
    }
}
