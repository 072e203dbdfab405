using System.Globalization;

namespace ContactsModule.Cmdlets
{
    /// <summary>How errors and -WhatIf name an input row: "Row 3 (contact abc)" when piped, "Contact abc" otherwise.</summary>
    internal static class RowLabel
    {
        public static string For(bool piped, int rowNumber, string contactId) =>
            piped
                ? "Row " + rowNumber.ToString(CultureInfo.InvariantCulture) + " (contact " + contactId + ")"
                : "Contact " + contactId;
    }
}
