using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class PhoneNumberNormalizerTests
    {
        [Theory]
        // the brief's examples: fictional 555-01xx numbers are possible, not valid, and accepted
        [InlineData("+1 (555) 010-0000", "US", "+15550100000")]
        [InlineData("5550100000", "US", "+15550100000")]
        [InlineData("+1 (555) 010-0000", null, "+15550100000")]
        [InlineData("(555) 010-1234", "US", "+15550101234")]
        [InlineData("555.010.1234", "us", "+15550101234")]
        [InlineData("1-555-010-1234", "US", "+15550101234")]
        [InlineData("+1 201-555-0123", null, "+12015550123")]
        [InlineData("  +1 201 555 0123  ", "", "+12015550123")]
        // local formats of other countries
        [InlineData("020 7946 0000", "GB", "+442079460000")]
        [InlineData("+44 20 7946 0123", null, "+442079460123")]
        [InlineData("+44 (0)20 7946 0123", null, "+442079460123")]
        [InlineData("030 1234567", "DE", "+49301234567")]
        [InlineData("030/1234567", "DE", "+49301234567")]
        [InlineData("06 12 34 56 78", "FR", "+33612345678")]
        [InlineData("03-1234-5678", "JP", "+81312345678")]
        // a country code beats the region
        [InlineData("+49 30 1234567", "US", "+49301234567")]
        [InlineData("+1 555 010 0000", "DE", "+15550100000")]
        // 00 as international prefix, with or without a region
        [InlineData("0049 30 1234567", null, "+49301234567")]
        [InlineData("\uFF0B44 20 7946 0123", null, "+442079460123")]
        [InlineData("0049 30 1234567", "US", "+49301234567")]
        [InlineData("0044 20 7946 0123", "DE", "+442079460123")]
        // US international prefix 011 with region US
        [InlineData("011 49 30 1234567", "US", "+49301234567")]
        // a region with no numbering plan is fine when the number is international
        [InlineData("+44 20 7946 0123", "AN", "+442079460123")]
        public void Normalizes_to_E164(string input, string region, string expected)
        {
            Assert.True(PhoneNumberNormalizer.TryNormalize(input, region, out var e164, out var reason), reason);
            Assert.Equal(expected, e164);
            Assert.Null(reason);
        }

        private const string Scientific = "is a number in Excel's scientific notation, which has lost the phone number's last digits. " +
            "Format the phone column as Text in Excel (or type the numbers with a leading ') and export the file again.";

        [Theory]
        [InlineData("1.5550102801E+10", "US", Scientific)]
        [InlineData("4.4207946E+11", null, Scientific)]
        [InlineData("4,9301234567e10", "DE", Scientific)]
        [InlineData("12345", "US", "is too short for a +1 number.")]
        [InlineData("+1 555 010 00000", null, "is too long for a +1 number.")]
        [InlineData("+1 555 010", null, "is too short for a +1 number.")]
        [InlineData("+44 20 79", null, "is too short for a +44 number.")]
        [InlineData("+44 20 7946 0123 456", null, "is too long for a +44 number.")]
        [InlineData("555-0100", "US", "is a local number without its area code. Add the area code.")]
        [InlineData("+999 1234567", null, "has an unknown country calling code.")]
        [InlineData("+1", null, "is not a phone number.")]
        [InlineData("---", "US", "is not a phone number.")]
        [InlineData("1234567890123456789012", "US", "is too long to be a phone number.")]
        [InlineData("5550100000", null, "has no country code. Start it with + and the country code (+1 555 010 0000), or give the row a country.")]
        [InlineData("5550100000", "", "has no country code. Start it with + and the country code (+1 555 010 0000), or give the row a country.")]
        [InlineData("020 7946 0000", "AN", "has no country code and the country 'AN' has no phone numbering plan. Start it with + and the country code.")]
        [InlineData("020 7946 0000", "Atlantis", "has no country code and the country 'ATLANTIS' has no phone numbering plan. Start it with + and the country code.")]
        // letters: vanity numbers and notes
        [InlineData("1-800-FLOWERS", "US", "contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted).")]
        [InlineData("555 010 0000 call after 5", "US", "contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted).")]
        [InlineData("N/A", "US", "contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted).")]
        [InlineData("unknown", null, "contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted).")]
        [InlineData("+1 201 555 O123", null, "contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted).")]
        // extensions are refused, not dropped
        [InlineData("+1 201 555 0123 ext. 45", null, "has an extension (45), which the API's phone field cannot hold. Remove the extension.")]
        [InlineData("+1 201 555 0123 ext 45", null, "has an extension (45), which the API's phone field cannot hold. Remove the extension.")]
        [InlineData("+1 201 555 0123 x45", null, "has an extension (45), which the API's phone field cannot hold. Remove the extension.")]
        [InlineData("(555) 010-1234 #3", "US", "has an extension (3), which the API's phone field cannot hold. Remove the extension.")]
        [InlineData("+44 20 7946 0123 extension 12", null, "has an extension (12), which the API's phone field cannot hold. Remove the extension.")]
        public void Refuses_with_reason(string input, string region, string expectedReason)
        {
            Assert.False(PhoneNumberNormalizer.TryNormalize(input, region, out var e164, out var reason));
            Assert.Null(e164);
            Assert.Equal(expectedReason, reason);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void Blank_is_not_given(string input)
        {
            Assert.True(PhoneNumberNormalizer.TryNormalize(input, "US", out var e164, out var reason));
            Assert.Null(e164);
            Assert.Null(reason);
        }

        // bench/New-ContactCsv.ps1 numbers its rows +1 555 0XX XXXX, from +1 555 000 0000 to +1 555 099 9999.
        [Theory]
        [InlineData("+1 555 000 0000", "+15550000000")]
        [InlineData("+1 555 000 0001", "+15550000001")]
        [InlineData("+1 555 009 9999", "+15550099999")]
        [InlineData("+1 555 042 4242", "+15550424242")]
        [InlineData("+1 555 099 9999", "+15550999999")]
        public void Accepts_the_bench_generator_pattern(string input, string expected)
        {
            Assert.True(PhoneNumberNormalizer.TryNormalize(input, null, out var e164, out var reason), reason);
            Assert.Equal(expected, e164);
        }

        [Fact]
        public void Is_thread_safe()
        {
            System.Threading.Tasks.Parallel.For(0, 2000, i =>
            {
                var n = (i % 10000).ToString("0000");
                Assert.True(PhoneNumberNormalizer.TryNormalize("+44 20 7946 " + n, null, out var e164, out _));
                Assert.Equal("+44207946" + n, e164);
            });
        }
    }
}
