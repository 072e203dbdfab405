using System;
using System.Globalization;

namespace ContactsModule.Conversion
{
    /// <summary>Reads yes/no style cells.</summary>
    /// <remarks>
    /// True: true, t, yes, y, 1, on. False: false, f, no, n, 0, off. Any case, trimmed.
    /// A bool is itself; an integral or floating number is true for 1 and false for 0, anything else
    /// is refused. Blank input returns false: unlike the string converters this one has no
    /// "not given" value, so callers check <see cref="CellText.Clean"/> first.
    /// There is no reason string: callers phrase "is not yes or no (true/false, yes/no, y/n, 1/0, on/off)."
    /// </remarks>
    internal static class BooleanText
    {
        /// <summary>The reason callers can use when <see cref="TryParse"/> returns false.</summary>
        public const string Reason = "is not yes or no. Use true/false, yes/no, y/n, 1/0 or on/off.";

        public static bool TryParse(object input, out bool value)
        {
            value = false;
            switch (input)
            {
                case null:
                    return false;
                case bool b:
                    value = b;
                    return true;
                case sbyte _: case byte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                case float _: case double _: case decimal _:
                    // Compared as double: no overflow for huge values, NaN equals neither.
                    var d = Convert.ToDouble(input, CultureInfo.InvariantCulture);
                    if (d == 1.0) { value = true; return true; }
                    if (d == 0.0) { value = false; return true; }
                    return false;
            }

            var text = CellText.Clean(input);
            if (text == null) return false;
            switch (text.ToLowerInvariant())
            {
                case "true": case "t": case "yes": case "y": case "1": case "on":
                    value = true;
                    return true;
                case "false": case "f": case "no": case "n": case "0": case "off":
                    value = false;
                    return true;
                default:
                    return false;
            }
        }
    }
}
