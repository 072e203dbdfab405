using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using ContactsModule.Api;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// Turns -Body and -Query values as PowerShell gives them (PSObject, PSCustomObject, hashtables, arrays, any .NET
    /// object) into the plain values Api/RawJson writes. Nesting past RawJson.MaxDepth is refused, never cut.
    /// </summary>
    internal static class RequestBodyConverter
    {
        public static object ToPlain(object value) => ToPlain(value, 0, "body");

        /// <summary>A query value as text: booleans lower-case, dates ISO 8601, numbers invariant.</summary>
        public static string ToQueryText(object value)
        {
            var plain = ToPlain(value, 0, "query");
            switch (plain)
            {
                case null: return null;
                case bool b: return b ? "true" : "false";
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return Convert.ToString(plain, CultureInfo.InvariantCulture);
            }
        }

        private static object ToPlain(object value, int depth, string where)
        {
            if (depth > RawJson.MaxDepth)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "the value nests deeper than {0} levels at {1} (an object that contains itself?); give a flatter body or a JSON string.", RawJson.MaxDepth, where));
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject) return Properties(ps, depth, where);
                value = ps.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case string s: return s;
                case char c: return c.ToString();
                case bool b: return b;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    return Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case ulong u: return (decimal)u;
                case float _: case double _: case decimal _: return value;
                case DateTime dt: return dt.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset dto: return dto.ToString("o", CultureInfo.InvariantCulture);
                case Guid g: return g.ToString();
                case Uri uri: return uri.OriginalString;
                case Enum e: return e.ToString();
                case SwitchParameter sw: return sw.IsPresent;
                case SecureString _:
                    throw new ArgumentException("a SecureString at " + where + " is never written into a request; convert it yourself if it really must be sent.");
                case IDictionary dict:
                    var table = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dict)
                    {
                        string name = Convert.ToString(ToPlain(entry.Key, depth + 1, where), CultureInfo.InvariantCulture);
                        table[name] = ToPlain(entry.Value, depth + 1, where + "." + name);
                    }
                    return table;
                case IEnumerable items:
                    var list = new ArrayList();
                    int index = 0;
                    foreach (var item in items) list.Add(ToPlain(item, depth + 1, where + "[" + (index++).ToString(CultureInfo.InvariantCulture) + "]"));
                    return list.ToArray();
                default:
                    return Properties(PSObject.AsPSObject(value), depth, where);
            }
        }

        private static OrderedDictionary Properties(PSObject ps, int depth, string where)
        {
            var table = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var property in ps.Properties)
            {
                if (!property.IsGettable) continue;
                object propertyValue;
                try
                {
                    propertyValue = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }
                table[property.Name] = ToPlain(propertyValue, depth + 1, where + "." + property.Name);
            }
            return table;
        }
    }
}
