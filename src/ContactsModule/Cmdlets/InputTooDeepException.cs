using System;
using System.Globalization;

namespace ContactsModule.Cmdlets
{
    /// <summary>A parameter value nests deeper than the module walks: most often a hashtable, list or object that contains itself.</summary>
    internal sealed class InputTooDeepException : ArgumentException
    {
        public InputTooDeepException(int maxDepth)
            : base(string.Format(CultureInfo.InvariantCulture,
                "a value given to -Tags, -CustomFields or another parameter is nested more than {0} levels deep; most likely a hashtable, list or object contains itself.", maxDepth))
        {
        }
    }
}
