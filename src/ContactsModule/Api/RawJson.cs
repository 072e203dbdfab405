using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;

namespace ContactsModule.Api
{
    /// <summary>
    /// JSON of Invoke-ContactsApiRequest in both directions, as plain .NET values: objects are OrderedDictionary (in the
    /// answer's order), arrays object[], numbers long, decimal or double, strings stay strings (dates are not guessed).
    /// System.Text.Json stays inside.
    /// </summary>
    internal static class RawJson
    {
        /// <summary>The deepest nesting a body may have (deeper is refused rather than cut).</summary>
        public const int MaxDepth = 32;

        /// <summary>False when the text is not JSON.</summary>
        public static bool TryParse(string text, out object value)
        {
            value = null;
            if (string.IsNullOrWhiteSpace(text)) return false;
            try
            {
                using (var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 }))
                {
                    value = ToPlain(doc.RootElement);
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>True when the text parses as JSON.</summary>
        public static bool IsJson(string text) => TryParse(text, out _);

        /// <summary>
        /// Writes plain values (IDictionary, IEnumerable, string, bool, numbers, DateTime, null) as JSON. Throws
        /// ArgumentException naming the place when nesting goes past MaxDepth.
        /// </summary>
        public static string Write(object value) => ContactJson.Write(writer => WriteValue(writer, value, 0, "body"));

        private static void WriteValue(Utf8JsonWriter writer, object value, int depth, string where)
        {
            if (depth > MaxDepth)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "the body nests deeper than {0} levels at {1} (a value that contains itself?); give a flatter body or a JSON string.", MaxDepth, where));
            switch (value)
            {
                case IDictionary dict:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dict)
                    {
                        string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                        writer.WritePropertyName(name);
                        WriteValue(writer, entry.Value, depth + 1, where + "." + name);
                    }
                    writer.WriteEndObject();
                    break;
                case string _:
                    ContactJson.WriteValue(writer, value);
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    int index = 0;
                    foreach (var item in items) WriteValue(writer, item, depth + 1, where + "[" + (index++).ToString(CultureInfo.InvariantCulture) + "]");
                    writer.WriteEndArray();
                    break;
                default:
                    ContactJson.WriteValue(writer, value);
                    break;
            }
        }

        private static object ToPlain(JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Number:
                    if (v.TryGetInt64(out long l)) return l;
                    if (v.TryGetDecimal(out decimal m)) return m;
                    return v.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array:
                    var list = new List<object>();
                    foreach (var item in v.EnumerateArray()) list.Add(ToPlain(item));
                    return list.ToArray();
                case JsonValueKind.Object:
                    var table = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var p in v.EnumerateObject()) table[p.Name] = ToPlain(p.Value);
                    return table;
                default: return null;
            }
        }
    }
}
