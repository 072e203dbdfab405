using System;
using System.Collections.Generic;
using System.Globalization;
using ContactsModule.Models;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Gives the custom field values of a contact read from the API their field's Key and Name and a Value typed by
    /// the field's dataType: NUMERICAL and MONETORY as decimal, SINGLE_OPTIONS and RADIO as one string, CHECKBOX and
    /// MULTIPLE_OPTIONS as a string array, DATE as a DateTime. A value that does not read as its type is left as the API
    /// gave it; an id the schema lacks keeps only its id.
    /// </summary>
    internal static class CustomFieldOutputValue
    {
        /// <summary>Names and types every value of the list whose id is in the schema; true when some value was named.</summary>
        public static bool Apply(CustomFieldList values, IReadOnlyList<ContactCustomField> schema)
        {
            if (values == null || values.Count == 0 || schema == null || schema.Count == 0) return false;
            var byId = new Dictionary<string, ContactCustomField>(StringComparer.Ordinal);
            foreach (var field in schema) if (!string.IsNullOrEmpty(field.Id) && !byId.ContainsKey(field.Id)) byId[field.Id] = field;
            bool named = false;
            foreach (var value in values)
            {
                if (value?.Id == null || !byId.TryGetValue(value.Id, out var field)) continue;
                value.Key = field.Key;
                value.Name = field.Name;
                value.Value = Typed(field.DataType, value.Value);
                named = true;
            }
            return named;
        }

        /// <summary>The value as its dataType's .NET type; the value itself when it does not read as that type.</summary>
        public static object Typed(string dataType, object value)
        {
            if (value == null) return null;
            switch ((dataType ?? string.Empty).ToUpperInvariant())
            {
                case "NUMERICAL":
                case "MONETORY":
                    return Number(value) ?? value;
                case "SINGLE_OPTIONS":
                case "RADIO":
                    if (value is string[] one) return one.Length == 1 ? one[0] : value;
                    return value is string ? value : Convert.ToString(value, CultureInfo.InvariantCulture);
                case "CHECKBOX":
                case "MULTIPLE_OPTIONS":
                    if (value is string[]) return value;
                    if (value is string text) return text.Length == 0 ? new string[0] : new[] { text };
                    return new[] { Convert.ToString(value, CultureInfo.InvariantCulture) };
                case "DATE":
                    return Date(value) ?? value;
                default:
                    return value;
            }
        }

        private static decimal? Number(object value)
        {
            switch (value)
            {
                case decimal m: return m;
                case long l: return l;
                case int i: return i;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e28: return (decimal)d;
                case string s when decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): return parsed;
                default: return null;
            }
        }

        private static DateTime? Date(object value)
        {
            switch (value)
            {
                case DateTime date: return date;
                // Epoch milliseconds, as HighLevel stores some dates.
                case long ms when ms > -62135596800000L && ms < 253402300800000L: return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
                case double d when d > -62135596800000d && d < 253402300800000d: return DateTimeOffset.FromUnixTimeMilliseconds((long)d).UtcDateTime;
                case string s:
                    s = s.Trim();
                    if (DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
                    if (DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) return parsed;
                    return null;
                default: return null;
            }
        }
    }
}
