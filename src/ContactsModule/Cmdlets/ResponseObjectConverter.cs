using System.Collections.Specialized;
using System.Management.Automation;

namespace ContactsModule.Cmdlets
{
    /// <summary>Plain JSON values from Api/RawJson as PowerShell objects: JSON objects become PSCustomObjects, in the answer's order.</summary>
    internal static class ResponseObjectConverter
    {
        public static object ToPSObject(object plain)
        {
            switch (plain)
            {
                case OrderedDictionary table:
                    var result = new PSObject();
                    foreach (System.Collections.DictionaryEntry entry in table)
                        result.Properties.Add(new PSNoteProperty((string)entry.Key, ToPSObject(entry.Value)));
                    return result;
                case object[] array:
                    var items = new object[array.Length];
                    for (int i = 0; i < array.Length; i++) items[i] = ToPSObject(array[i]);
                    return items;
                default:
                    return plain;
            }
        }
    }
}
