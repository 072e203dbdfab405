using System;
using System.Collections.Generic;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class BooleanTextTests
    {
        public static IEnumerable<object[]> Accepted => new[]
        {
            new object[] { true, true },
            new object[] { false, false },
            new object[] { "true", true },
            new object[] { "TRUE", true },
            new object[] { " True ", true },
            new object[] { "t", true },
            new object[] { "yes", true },
            new object[] { "Yes", true },
            new object[] { "Y", true },
            new object[] { "1", true },
            new object[] { "on", true },
            new object[] { "ON", true },
            new object[] { "false", false },
            new object[] { "False", false },
            new object[] { "F", false },
            new object[] { "no", false },
            new object[] { "NO", false },
            new object[] { "n", false },
            new object[] { "0", false },
            new object[] { "off", false },
            new object[] { 1, true },
            new object[] { 0, false },
            new object[] { 1L, true },
            new object[] { (byte)0, false },
            new object[] { 1.0, true },
            new object[] { 0.0, false },
            new object[] { 1m, true },
        };

        [Theory]
        [MemberData(nameof(Accepted))]
        public void Parses(object input, bool expected)
        {
            Assert.True(BooleanText.TryParse(input, out var value));
            Assert.Equal(expected, value);
        }

        public static IEnumerable<object[]> Refused => new[]
        {
            new object[] { null },
            new object[] { "" },
            new object[] { "  " },
            new object[] { DBNull.Value },
            new object[] { "maybe" },
            new object[] { "yess" },
            new object[] { "2" },
            new object[] { "-1" },
            new object[] { "1.0" },
            new object[] { "ja" },
            new object[] { 2 },
            new object[] { -1 },
            new object[] { 0.5 },
            new object[] { double.NaN },
            new object[] { double.MaxValue },
            new object[] { new DateTime(2000, 1, 1) },
        };

        [Theory]
        [MemberData(nameof(Refused))]
        public void Refuses(object input)
        {
            Assert.False(BooleanText.TryParse(input, out var value));
            Assert.False(value);
        }

        [Fact]
        public void Reason_completes_the_sentence() =>
            Assert.Equal("is not yes or no. Use true/false, yes/no, y/n, 1/0 or on/off.", BooleanText.Reason);
    }
}
