using System;

namespace ContactsModule.Conversion
{
    /// <summary>Reads a DND (do not disturb) cell into a <c>dndSettings</c> status.</summary>
    /// <remarks>
    /// "active", "inactive" or "permanent" in any case come back in lower case; yes/no style text
    /// (see <see cref="BooleanText"/>) means DND on or off: true/yes/y/1/on -> "active",
    /// false/no/n/0/off -> "inactive". Blank input is "not given": true with a null status.
    /// </remarks>
    internal static class DndStatusText
    {
        public const string Active = "active";
        public const string Inactive = "inactive";
        public const string Permanent = "permanent";

        /// <summary>
        /// Reason: "is not a DND status. Use active, inactive or permanent, or yes/no."
        /// </summary>
        public static bool TryParse(object input, out string status, out string reason)
        {
            status = null;
            reason = null;
            if (input is bool b)
            {
                status = b ? Active : Inactive;
                return true;
            }

            var text = CellText.Clean(input);
            if (text == null) return true;

            switch (text.ToLowerInvariant())
            {
                case Active:
                    status = Active;
                    return true;
                case Inactive:
                    status = Inactive;
                    return true;
                case Permanent:
                    status = Permanent;
                    return true;
            }

            if (BooleanText.TryParse(input, out var on))
            {
                status = on ? Active : Inactive;
                return true;
            }

            reason = "is not a DND status. Use active, inactive or permanent, or yes/no.";
            return false;
        }
    }
}
