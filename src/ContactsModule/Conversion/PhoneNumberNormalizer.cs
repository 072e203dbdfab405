using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Turns phone text as people write it ("(555) 010-1234", "020 7946 0000", "+49 30 1234567",
    /// "0049 30 1234567") into E.164 ("+15550101234") with libphonenumber.
    /// </summary>
    /// <remarks>
    /// Possible, not valid: a number is accepted when libphonenumber says its length is possible for
    /// its country (<c>IsPossibleNumberWithReason == IS_POSSIBLE</c>), even when it is not "valid"
    /// (not in an allocated range). The fictional ranges used in examples, tests and emulators,
    /// such as +1 555-010-xxxx, are possible but not valid; demanding validity would refuse them, and
    /// would also refuse real numbers in ranges allocated after the library's metadata was built.
    /// Numbers that are only possible as local numbers (a US "555-0100" without area code) are
    /// refused: their E.164 form would be wrong.
    /// Extensions ("ext. 45", "x45", "#45") are refused rather than dropped: the API's phone field has
    /// no place for them and dropping them silently would lose data; the reason says so.
    /// Letters are refused too (other than an extension marker): cells like "call after 5" or "n/a"
    /// must not turn into digits, so vanity numbers such as 1-800-FLOWERS must be written in digits.
    /// A leading "00" is read as the international prefix "+" whatever the region.
    /// PhoneNumberUtil's instance is immutable after loading, so this class is thread-safe.
    /// </remarks>
    internal static class PhoneNumberNormalizer
    {
        private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
        private static readonly HashSet<string> SupportedRegions = new HashSet<string>(Util.GetSupportedRegions(), StringComparer.Ordinal);

        // A trailing extension: "ext 45", "ext. 45", "extension 45", "x45", "#45", ";ext=45".
        private static readonly Regex TrailingExtension = new Regex(
            @"(?:(?<![\p{L}])(?:ext|extn|extension|x)\.?\s*[:=]?\s*|;\s*ext\s*=\s*|#\s*)\d+\s*#?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // What Excel shows and saves for a long number in a General cell: 1.5550102801E+10.
        private static readonly Regex ScientificNotation = new Regex(@"^\+?[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+$", RegexOptions.CultureInvariant);

        private static readonly Regex LeadingDoubleZero = new Regex(@"^\s*[(]?\s*00\s*", RegexOptions.CultureInvariant);

        /// <summary>
        /// Normalizes <paramref name="input"/> to E.164.
        /// <paramref name="defaultRegion"/> is the two-letter country code used for numbers written
        /// without a country code (the row's country, or a default); null or empty is allowed when
        /// the number starts with + or 00. Blank input is "not given": true with a null result.
        /// </summary>
        public static bool TryNormalize(string input, string defaultRegion, out string e164, out string reason)
        {
            e164 = null;
            reason = null;
            var text = CellText.Clean(input);
            if (text == null) return true;

            if (ScientificNotation.IsMatch(text))
            {
                reason = "is a number in Excel's scientific notation, which has lost the phone number's last digits. " +
                         "Format the phone column as Text in Excel (or type the numbers with a leading ') and export the file again.";
                return false;
            }

            var extension = TrailingExtension.Match(text);
            var withoutExtension = extension.Success ? text.Substring(0, extension.Index) : text;
            foreach (var ch in withoutExtension)
            {
                if (char.IsLetter(ch))
                {
                    reason = "contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted).";
                    return false;
                }
            }

            var region = CellText.Clean(defaultRegion)?.ToUpperInvariant();
            bool regionKnown = region != null && SupportedRegions.Contains(region);

            // "00" is the international prefix in most of the world; libphonenumber only knows it when
            // the region uses it, so rewrite it to "+" (no national number starts with 00).
            var toParse = text;
            var doubleZero = LeadingDoubleZero.Match(toParse);
            if (doubleZero.Success) toParse = "+" + toParse.Substring(doubleZero.Length);

            var start = toParse.TrimStart('(', ' ');
            bool international = start.Length > 0 && (start[0] == '+' || start[0] == '\uFF0B');
            if (!international && !regionKnown)
            {
                reason = region == null
                    ? "has no country code. Start it with + and the country code (+1 555 010 0000), or give the row a country."
                    : "has no country code and the country '" + region + "' has no phone numbering plan. Start it with + and the country code.";
                return false;
            }

            PhoneNumber number;
            try
            {
                number = Util.Parse(toParse, regionKnown ? region : "ZZ");
            }
            catch (NumberParseException ex)
            {
                reason = ParseFailureReason(ex.ErrorType);
                return false;
            }

            if (!string.IsNullOrEmpty(number.Extension))
            {
                reason = "has an extension (" + number.Extension + "), which the API's phone field cannot hold. Remove the extension.";
                return false;
            }

            var possibility = Util.IsPossibleNumberWithReason(number);
            if (possibility != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
            {
                // A number written with its country code that is only "possible locally" is simply too short.
                if (possibility == PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY && international)
                    possibility = PhoneNumberUtil.ValidationResult.TOO_SHORT;
                reason = PossibilityReason(possibility, number.CountryCode);
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }

        private static string ParseFailureReason(ErrorType error)
        {
            switch (error)
            {
                case ErrorType.INVALID_COUNTRY_CODE:
                    return "has an unknown country calling code.";
                case ErrorType.TOO_SHORT_NSN:
                case ErrorType.TOO_SHORT_AFTER_IDD:
                    return "is too short to be a phone number.";
                case ErrorType.TOO_LONG:
                    return "is too long to be a phone number.";
                default:
                    return "is not a phone number.";
            }
        }

        private static string PossibilityReason(PhoneNumberUtil.ValidationResult result, int countryCode)
        {
            var cc = "+" + countryCode;
            switch (result)
            {
                case PhoneNumberUtil.ValidationResult.TOO_SHORT:
                    return "is too short for a " + cc + " number.";
                case PhoneNumberUtil.ValidationResult.TOO_LONG:
                    return "is too long for a " + cc + " number.";
                case PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
                    return "is a local number without its area code. Add the area code.";
                case PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                    return "has an unknown country calling code.";
                default:
                    return "has the wrong number of digits for a " + cc + " number.";
            }
        }
    }
}
