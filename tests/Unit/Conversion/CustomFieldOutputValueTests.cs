using System;
using ContactsModule.Conversion;
using ContactsModule.Models;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class CustomFieldOutputValueTests
    {
        [Theory]
        [InlineData("NUMERICAL", 42L, "42")]
        [InlineData("NUMERICAL", 42.5d, "42.5")]
        [InlineData("MONETORY", "1234.50", "1234.50")]
        [InlineData("monetory", "-3e2", "-300")]
        public void Numbers_become_decimal(string type, object given, string expected)
        {
            var typed = CustomFieldOutputValue.Typed(type, given);
            Assert.IsType<decimal>(typed);
            Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), (decimal)typed);
        }

        [Fact]
        public void A_number_field_holding_text_keeps_the_text()
        {
            Assert.Equal("about ten", CustomFieldOutputValue.Typed("NUMERICAL", "about ten"));
        }

        [Theory]
        [InlineData("SINGLE_OPTIONS")]
        [InlineData("RADIO")]
        public void Single_options_are_one_string(string type)
        {
            Assert.Equal("Gold", CustomFieldOutputValue.Typed(type, "Gold"));
            Assert.Equal("Gold", CustomFieldOutputValue.Typed(type, new[] { "Gold" }));
            Assert.Equal(new[] { "Gold", "Silver" }, CustomFieldOutputValue.Typed(type, new[] { "Gold", "Silver" }));
        }

        [Theory]
        [InlineData("CHECKBOX")]
        [InlineData("MULTIPLE_OPTIONS")]
        public void Multiple_options_are_a_string_array(string type)
        {
            Assert.Equal(new[] { "Golf", "Chess" }, CustomFieldOutputValue.Typed(type, new[] { "Golf", "Chess" }));
            Assert.Equal(new[] { "Golf" }, CustomFieldOutputValue.Typed(type, "Golf"));
            Assert.Equal(new string[0], CustomFieldOutputValue.Typed(type, ""));
        }

        [Fact]
        public void Dates_become_DateTime_from_text_or_epoch_milliseconds()
        {
            Assert.Equal(new DateTime(2027, 3, 15), CustomFieldOutputValue.Typed("DATE", "2027-03-15"));
            var utc = (DateTime)CustomFieldOutputValue.Typed("DATE", "2027-03-15T10:30:00Z");
            Assert.Equal(new DateTime(2027, 3, 15, 10, 30, 0), utc.ToUniversalTime());
            var fromMs = (DateTime)CustomFieldOutputValue.Typed("DATE", 1805068800000L);
            Assert.Equal(new DateTime(2027, 3, 15, 0, 0, 0, DateTimeKind.Utc), fromMs);
            Assert.Equal("soon", CustomFieldOutputValue.Typed("DATE", "soon"));
        }

        [Theory]
        [InlineData("TEXT")]
        [InlineData("LARGE_TEXT")]
        [InlineData("PHONE")]
        [InlineData(null)]
        public void Other_types_keep_the_value(string type)
        {
            Assert.Equal("0042", CustomFieldOutputValue.Typed(type, "0042"));
        }

        [Fact]
        public void Apply_names_and_types_the_values_the_schema_knows_and_leaves_the_rest()
        {
            var list = new CustomFieldList(new[]
            {
                new CustomFieldValue { Id = "F1", Value = "12" },
                new CustomFieldValue { Id = "UNKNOWN", Value = "x" },
            });
            var schema = new[]
            {
                new ContactCustomField { Id = "F1", Key = "contact.shoe_size", Name = "Shoe Size", DataType = "NUMERICAL" },
                new ContactCustomField { Id = "F2", Key = "contact.other", Name = "Other", DataType = "TEXT" },
            };
            Assert.True(CustomFieldOutputValue.Apply(list, schema));
            Assert.Equal("contact.shoe_size", list[0].Key);
            Assert.Equal("Shoe Size", list[0].Name);
            Assert.Equal(12m, list[0].Value);
            Assert.Null(list[1].Key);
            Assert.Null(list[1].Name);
            Assert.Equal("x", list[1].Value);
            Assert.False(CustomFieldOutputValue.Apply(list, new ContactCustomField[0]));
            Assert.False(CustomFieldOutputValue.Apply(CustomFieldList.Empty, schema));
        }
    }
}
