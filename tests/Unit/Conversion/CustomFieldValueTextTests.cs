using System;
using ContactsModule.Conversion;
using ContactsModule.Models;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class CustomFieldValueTextTests
    {
        private static ContactCustomField Field(string type, params string[] options) =>
            new ContactCustomField { Id = "F1", Name = "The Field", Key = "contact.the_field", DataType = type, Options = options };

        private static object Convert(ContactCustomField field, object value, string region = null)
        {
            Assert.True(CustomFieldValueText.TryConvert(field, value, region, null, out var converted, out var reason), reason);
            return converted;
        }

        private static string Refuse(ContactCustomField field, object value, string region = null)
        {
            Assert.False(CustomFieldValueText.TryConvert(field, value, region, null, out _, out var reason));
            Assert.False(string.IsNullOrEmpty(reason));
            return reason;
        }

        [Theory]
        [InlineData("1,234.50", null, "1234.50")]
        [InlineData("1,234.50", "DE", "1234.50")]
        [InlineData("1.234,50", "DE", "1234.50")]
        [InlineData("1.234,50", null, "1234.50")]
        [InlineData("$1,234.50", "US", "1234.50")]
        [InlineData("1 234,50 €", "FR", "1234.50")]
        [InlineData("1.234,50 EUR", "DE", "1234.50")]
        [InlineData("-$5", null, "-5")]
        [InlineData("(12.5)", null, "-12.5")]
        [InlineData("42", null, "42")]
        [InlineData("1,234", "US", "1234")]
        [InlineData("1,234", "DE", "1.234")]
        [InlineData("1.234", "DE", "1234")]
        [InlineData("1.234", "US", "1.234")]
        [InlineData("1,234,567", "US", "1234567")]
        [InlineData("0,5", "US", "0.5")]
        [InlineData("12.5", "DE", "12.5")]
        public void ReadsNumbers(string text, string region, string expected)
        {
            foreach (var type in new[] { "NUMERICAL", "MONETORY" })
            {
                var value = Convert(Field(type), text, region);
                Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), System.Convert.ToDecimal(value));
            }
        }

        [Fact]
        public void ReadsScientificNotationAndKeepsNumbers()
        {
            Assert.Equal(1000.0, Convert(Field("NUMERICAL"), "1e3"));
            Assert.Equal(-2.5e-3, Convert(Field("NUMERICAL"), "-2.5E-3"));
            Assert.Equal(7, Convert(Field("NUMERICAL"), 7));
            Assert.Equal(2.5, Convert(Field("MONETORY"), 2.5));
        }

        [Theory]
        [InlineData("abc")]
        [InlineData("1.2.3")]
        [InlineData("12 34")]
        [InlineData("")]
        [InlineData("1,2,3")]
        public void RefusesWhatIsNoNumber(string text)
        {
            Assert.Contains("not a number", Refuse(Field("NUMERICAL"), text));
        }

        [Fact]
        public void RefusesNaN() => Refuse(Field("NUMERICAL"), double.NaN);

        [Theory]
        [InlineData("gold", "Gold")]
        [InlineData(" SILVER ", "Silver")]
        [InlineData("[\"bronze\"]", "Bronze")]
        public void MatchesSingleOptionsIgnoringCase(string given, string expected)
        {
            Assert.Equal(expected, Convert(Field("SINGLE_OPTIONS", "Gold", "Silver", "Bronze"), given));
            Assert.Equal(expected, Convert(Field("RADIO", "Gold", "Silver", "Bronze"), given));
        }

        [Fact]
        public void RefusesAnOptionNotInTheListNamingFieldValueAndOptions()
        {
            string reason = Refuse(Field("SINGLE_OPTIONS", "Gold", "Silver"), "Platinum");
            Assert.Contains("'Platinum'", reason);
            Assert.Contains("The Field", reason);
            Assert.Contains("Gold, Silver", reason);
            Assert.Contains("one of", Refuse(Field("RADIO", "A", "B"), "A; B"));
        }

        [Fact]
        public void TakesAnyOptionWhenCustomOptionsAreAllowed()
        {
            var field = Field("SINGLE_OPTIONS", "Friend", "Advert");
            field.AllowCustomOption = true;
            Assert.Equal("Podcast", Convert(field, "Podcast"));
            Assert.Equal("Friend", Convert(field, "FRIEND"));
        }

        [Theory]
        [InlineData("golf; CHESS")]
        [InlineData("golf|chess")]
        [InlineData("[\"Golf\",\"chess\"]")]
        [InlineData("Golf, Chess")]
        public void SplitsMultipleOptions(string given)
        {
            foreach (var type in new[] { "CHECKBOX", "MULTIPLE_OPTIONS" })
                Assert.Equal(new[] { "Golf", "Chess" }, (string[])Convert(Field(type, "Golf", "Chess", "Hiking"), given));
        }

        [Fact]
        public void TakesAListForMultipleOptions()
        {
            Assert.Equal(new[] { "Hiking", "Golf" }, (string[])Convert(Field("CHECKBOX", "Golf", "Chess", "Hiking"), new object[] { "hiking", "GOLF", "golf" }));
            Assert.Contains("'Tennis'", Refuse(Field("MULTIPLE_OPTIONS", "Golf"), new object[] { "Golf", "Tennis" }));
        }

        [Theory]
        [InlineData("2024-03-01", null, "2024-03-01")]
        [InlineData("03/01/2024", "US", "2024-03-01")]
        [InlineData("01/03/2024", "GB", "2024-03-01")]
        public void ReadsDatesByTheModulesRule(string text, string region, string expected)
        {
            Assert.Equal(expected, Convert(Field("DATE"), text, region));
        }

        [Fact]
        public void RefusesWhatIsNoDate() => Refuse(Field("DATE"), "next tuesday");

        [Fact]
        public void NormalisesPhoneNumbers()
        {
            Assert.Equal("+14155550100", Convert(Field("PHONE"), "(415) 555-0100", "US"));
            Refuse(Field("PHONE"), "call me");
        }

        [Fact]
        public void RefusesFileUploads() => Assert.Contains("FILE_UPLOAD", Refuse(Field("FILE_UPLOAD"), "contract.pdf"));

        [Fact]
        public void PassesTextUnchanged()
        {
            Assert.Equal("  as typed", Convert(Field("TEXT"), "  as typed"));
            Assert.Equal("x", Convert(Field("LARGE_TEXT"), "x"));
        }
    }
}
