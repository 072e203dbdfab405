using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ContactsModule.Conversion;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// The columns of a piped row as (header, value) pairs: an object's properties (Import-Csv rows, [pscustomobject],
    /// any .NET object) or a dictionary's keys ([hashtable], [ordered]). Scalars (text, numbers, dates) are not rows.
    /// </summary>
    internal static class RowColumns
    {
        /// <summary>Text, a number, a date, a bool, an enum or a list: something without columns.</summary>
        public static bool IsScalar(object value)
        {
            if (value is PSObject ps) value = ps.BaseObject;
            switch (value)
            {
                case null:
                    return false;
                case string _: case char _: case bool _: case decimal _: case DateTime _: case DateTimeOffset _:
                case TimeSpan _: case Guid _: case Enum _:
                    return true;
                case IDictionary _:
                    return false;
                case IList _:
                    return true;
                default:
                    return value.GetType().IsPrimitive;
            }
        }

        /// <summary>The row's cells with plain (unwrapped) values, in the row's order.</summary>
        public static List<KeyValuePair<string, object>> Cells(PSObject row)
        {
            var cells = new List<KeyValuePair<string, object>>();
            if (row.BaseObject is IDictionary dict)
            {
                foreach (DictionaryEntry entry in dict)
                {
                    string header = CellText.Clean(ContactsApiCmdlet.Unwrap(entry.Key));
                    if (header != null) cells.Add(new KeyValuePair<string, object>(header, ContactsApiCmdlet.Unwrap(entry.Value)));
                }
                return cells;
            }
            foreach (var property in row.Properties)
            {
                if (!property.IsGettable) continue;
                object value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }
                cells.Add(new KeyValuePair<string, object>(property.Name, ContactsApiCmdlet.Unwrap(value)));
            }
            return cells;
        }

        /// <summary>True when the row has cells and every one is blank.</summary>
        public static bool AllBlank(List<KeyValuePair<string, object>> cells)
        {
            if (cells.Count == 0) return false;
            foreach (var cell in cells)
                if (CellText.Clean(cell.Value) != null) return false;
            return true;
        }
    }
}
