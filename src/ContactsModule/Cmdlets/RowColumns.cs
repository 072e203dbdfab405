using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// Finds which column of an input row fed a parameter (by its name or one of its [Alias]es), so an error
    /// names the column the user has ("E-mail"), and picks out the columns no parameter takes:
    /// customField.&lt;key&gt; and "DND SMS"-style channel columns.
    /// </summary>
    internal static class RowColumns
    {
        private static readonly ConcurrentDictionary<Type, Dictionary<string, string[]>> NamesByType = new ConcurrentDictionary<Type, Dictionary<string, string[]>>();
        private static readonly Regex CustomFieldColumn = new Regex(@"^customFields?\.(?<key>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex DndChannelColumn = new Regex(@"^DND[ _\-.]*(?<channel>SMS|Email|Call|WhatsApp|GMB|FB|Text|Phone|Facebook)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The row's column for the parameter, or the parameter's own name when the row has none.</summary>
        public static string ColumnFor(PSObject row, Type cmdletType, string parameterName)
        {
            if (row == null) return parameterName;
            if (!NamesByType.GetOrAdd(cmdletType, Build).TryGetValue(parameterName, out var names)) return parameterName;
            foreach (var property in row.Properties)
            {
                foreach (var name in names)
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Name;
                }
            }
            return parameterName;
        }

        public static bool TryCustomFieldKey(string column, out string key)
        {
            var match = CustomFieldColumn.Match(column);
            key = match.Success ? match.Groups["key"].Value.Trim() : null;
            return match.Success && key.Length > 0;
        }

        public static bool TryDndChannel(string column, out string channel)
        {
            var match = DndChannelColumn.Match(column.Trim());
            channel = null;
            if (!match.Success) return false;
            switch (match.Groups["channel"].Value.ToLowerInvariant())
            {
                case "text": channel = "SMS"; break;
                case "phone": channel = "Call"; break;
                case "facebook": channel = "FB"; break;
                default: channel = Models.DndSettings.NormalizeChannel(match.Groups["channel"].Value); break;
            }
            return channel != null;
        }

        private static Dictionary<string, string[]> Build(Type cmdletType)
        {
            var map = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<ParameterAttribute>() == null) continue;
                var names = new List<string> { property.Name };
                var alias = property.GetCustomAttribute<AliasAttribute>();
                if (alias != null) names.AddRange(alias.AliasNames);
                map[property.Name] = names.ToArray();
            }
            return map;
        }
    }
}
