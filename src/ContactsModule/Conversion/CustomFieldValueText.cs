using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactsModule.Models;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// A custom field value made ready for HighLevel by the field's dataType: numbers for NUMERICAL and MONETORY, an
    /// ISO date for DATE, the option as the schema spells it for SINGLE_OPTIONS and RADIO, a list of options for
    /// CHECKBOX and MULTIPLE_OPTIONS, an E.164 number for PHONE; FILE_UPLOAD is refused. Other types pass unchanged.
    /// </summary>
    internal static class CustomFieldValueText
    {
        /// <summary>Countries that write 1.234,50 (a comma before the decimals).</summary>
        private static readonly HashSet<string> DecimalCommaRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "DE", "AT", "FR", "ES", "IT", "NL", "BE", "PT", "BR", "AR", "CL", "CO", "DK", "NO", "SE", "FI", "PL", "CZ", "SK",
            "HU", "RO", "BG", "GR", "TR", "RU", "UA", "ID", "VN", "ZA", "HR", "SI", "RS", "LT", "LV", "EE", "IS", "UY", "PY",
            "VE", "EC", "BO", "LU",
        };

        private static readonly Regex Scientific = new Regex(@"^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Plain = new Regex(@"^[0-9][0-9.,' \u00A0\u202F]*$|^[.,][0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex CurrencySymbol = new Regex(@"\p{Sc}", RegexOptions.CultureInvariant);
        private static readonly Regex CurrencyCode = new Regex(@"(^|\s)[A-Za-z]{3}(\s|$)", RegexOptions.CultureInvariant);
        private static readonly Regex Grouped = new Regex(@"^[0-9]{1,3}(?<sep>[,.' \u00A0\u202F])[0-9]{3}(\k<sep>[0-9]{3})*$", RegexOptions.CultureInvariant);

        public static bool TryConvert(ContactCustomField field, object value, string region, string[] dateFormats, out object converted, out string reason)
        {
            converted = value;
            reason = null;
            switch ((field.DataType ?? string.Empty).ToUpperInvariant())
            {
                case "NUMERICAL":
                case "MONETORY":
                    return TryNumber(value, region, out converted, out reason);
                case "DATE":
                    if (!DateText.TryRead(value, region, dateFormats, out var date, out reason, out _, out _)) return false;
                    if (date == null) { reason = "is not a date."; return false; }
                    converted = date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return true;
                case "SINGLE_OPTIONS":
                case "RADIO":
                {
                    var items = Items(value);
                    if (items.Count != 1)
                    {
                        reason = "holds " + items.Count + " options; the field takes one of: " + string.Join(", ", field.Options) + ".";
                        return false;
                    }
                    if (!TryOption(field, items[0], out var option, out reason)) return false;
                    converted = option;
                    return true;
                }
                case "CHECKBOX":
                case "MULTIPLE_OPTIONS":
                {
                    var chosen = new List<string>();
                    foreach (var item in Items(value))
                    {
                        if (!TryOption(field, item, out var option, out reason)) return false;
                        if (!chosen.Contains(option)) chosen.Add(option);
                    }
                    converted = chosen.ToArray();
                    return true;
                }
                case "PHONE":
                {
                    string text = CellText.Clean(value is IEnumerable e && !(value is string) ? null : value);
                    if (text == null) { reason = "is not a phone number."; return false; }
                    if (!PhoneNumberNormalizer.TryNormalize(text, region, out var e164, out reason)) return false;
                    converted = e164;
                    return true;
                }
                case "FILE_UPLOAD":
                    reason = "is for a FILE_UPLOAD field, which cannot be set from a value: upload the file in HighLevel (or POST /locations/{locationId}/customFields/upload) and leave this column out.";
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>1,234.50, 1.234,50 (by the country), $1,234.50, 1e3, -12, 1 234,5 as a number.</summary>
        public static bool TryNumber(object value, string region, out object number, out string reason)
        {
            number = null;
            reason = null;
            switch (value)
            {
                case int _: case long _: case short _: case byte _: case decimal _:
                    number = value;
                    return true;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                    number = value;
                    return true;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f):
                    number = (double)f;
                    return true;
            }
            string text = value is string || !(value is IEnumerable) ? CellText.Clean(value) : null;
            if (text == null) { reason = "is not a number."; return false; }
            // Currency symbols and codes go ($1,234.50, 1.234,50 EUR); a leading minus or (parentheses) make it negative.
            string digits = CurrencyCode.Replace(CurrencySymbol.Replace(text, string.Empty), string.Empty).Trim();
            bool negative = false;
            if (digits.StartsWith("(", StringComparison.Ordinal) && digits.EndsWith(")", StringComparison.Ordinal))
            {
                negative = true;
                digits = digits.Substring(1, digits.Length - 2).Trim();
            }
            if (digits.StartsWith("-", StringComparison.Ordinal) || digits.StartsWith("\u2212", StringComparison.Ordinal))
            {
                negative = !negative;
                digits = digits.Substring(1).Trim();
            }
            else if (digits.StartsWith("+", StringComparison.Ordinal)) digits = digits.Substring(1).Trim();
            // A symbol after the sign: -$5.
            digits = CurrencySymbol.Replace(digits, string.Empty).Trim();
            if (digits.Length == 0 || !(Plain.IsMatch(digits) || Scientific.IsMatch(digits)))
            {
                reason = "is not a number. Write it like 1234.50, 1,234.50, 1.234,50 (in a country that writes decimals after a comma) or 1e3.";
                return false;
            }
            if (Scientific.IsMatch(digits))
            {
                if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var sci)) { reason = "is not a number."; return false; }
                number = negative ? -sci : sci;
                return true;
            }
            bool decimalComma = region != null && DecimalCommaRegions.Contains(region);
            string normal;
            int lastDot = digits.LastIndexOf('.'), lastComma = digits.LastIndexOf(',');
            int lastSpace = digits.LastIndexOfAny(new[] { '\'', ' ', '\u00A0', '\u202F' });
            int lastMark = Math.Max(lastDot, lastComma);
            if (lastSpace >= 0 && lastMark > lastSpace && !(lastDot >= 0 && lastComma >= 0))
            {
                // 1 234,50 and 1'234.50: grouped by spaces or apostrophes, then the decimals.
                string whole = digits.Substring(0, lastMark), part = digits.Substring(lastMark + 1);
                if (!Grouped.IsMatch(whole) || Strip(part) != part)
                {
                    reason = "is not a number (its separators are not in groups of three).";
                    return false;
                }
                normal = Strip(whole) + "." + part;
            }
            else if (lastDot >= 0 && lastComma >= 0)
            {
                char dec = lastDot > lastComma ? '.' : ',';
                normal = Normalise(digits, dec);
            }
            else
            {
                var grouped = Grouped.Match(digits);
                char regionDecimal = decimalComma ? ',' : '.';
                if (grouped.Success)
                {
                    char separator = grouped.Groups["sep"].Value[0];
                    // 1,234 is a thousand and more in the US and one and a bit in Germany; 1.234 the other way round.
                    bool isDecimal = separator == regionDecimal && CountOf(digits, separator) == 1;
                    normal = isDecimal ? Normalise(digits, separator) : Strip(digits);
                }
                else
                {
                    if (digits.IndexOfAny(new[] { '\'', ' ', '\u00A0', '\u202F' }) >= 0 || (lastDot >= 0 && CountOf(digits, '.') > 1) || (lastComma >= 0 && CountOf(digits, ',') > 1))
                    {
                        reason = "is not a number (its separators are not in groups of three).";
                        return false;
                    }
                    normal = Normalise(digits, lastComma >= 0 ? ',' : '.');
                }
            }
            if (!decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)) { reason = "is not a number."; return false; }
            number = negative ? -parsed : parsed;
            return true;
        }

        private static int CountOf(string text, char c)
        {
            int n = 0;
            foreach (char x in text) if (x == c) n++;
            return n;
        }

        private static string Strip(string digits)
        {
            var sb = new StringBuilder();
            foreach (char c in digits) if (char.IsDigit(c)) sb.Append(c);
            return sb.ToString();
        }

        private static string Normalise(string digits, char dec)
        {
            var sb = new StringBuilder();
            foreach (char c in digits)
            {
                if (char.IsDigit(c)) sb.Append(c);
                else if (c == dec) sb.Append('.');
            }
            return sb.ToString();
        }

        /// <summary>The options of a cell: a list as it is, a JSON array, or text split on ';' and '|' (and ',' when neither is there).</summary>
        public static List<string> Items(object value)
        {
            var items = new List<string>();
            if (value is IEnumerable list && !(value is string))
            {
                foreach (var item in list)
                {
                    string text = CellText.Clean(item);
                    if (text != null) items.Add(text);
                }
                return items;
            }
            string cell = CellText.Clean(value);
            if (cell == null) return items;
            if (cell.StartsWith("[", StringComparison.Ordinal))
            {
                try
                {
                    using (var doc = JsonDocument.Parse(cell))
                    {
                        if (doc.RootElement.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in doc.RootElement.EnumerateArray())
                            {
                                string text = item.ValueKind == JsonValueKind.String ? CellText.Clean(item.GetString()) : CellText.Clean(item.GetRawText());
                                if (text != null) items.Add(text);
                            }
                            return items;
                        }
                    }
                }
                catch (JsonException)
                {
                }
            }
            char[] separators = cell.IndexOf(';') >= 0 || cell.IndexOf('|') >= 0 ? new[] { ';', '|' } : new[] { ',' };
            foreach (var part in cell.Split(separators))
            {
                string text = CellText.Clean(part);
                if (text != null) items.Add(text);
            }
            return items;
        }

        private static bool TryOption(ContactCustomField field, string given, out string option, out string reason)
        {
            reason = null;
            foreach (var candidate in field.Options ?? new string[0])
            {
                if (string.Equals(candidate?.Trim(), given, StringComparison.OrdinalIgnoreCase))
                {
                    option = candidate;
                    return true;
                }
            }
            option = given;
            if (field.AllowCustomOption) return true;
            reason = "'" + given + "' is not an option of the field " + field.Name + " (" + field.Key + "); allowed: " + string.Join(", ", field.Options ?? new string[0]) + ".";
            return false;
        }
    }
}
