using System;
using System.Collections.Generic;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class CellTextTests
    {
        public static IEnumerable<object[]> Blanks => new[]
        {
            new object[] { null },
            new object[] { DBNull.Value },
            new object[] { "" },
            new object[] { "   " },
            new object[] { "\t\r\n" },
            new object[] { "\u00A0" },
            new object[] { "\uFEFF" },
            new object[] { " \u200B " },
            new object[] { new string[0] },
            new object[] { new object[] { null, " ", "" } },
        };

        [Theory]
        [MemberData(nameof(Blanks))]
        public void Blank_is_null(object input) => Assert.Null(CellText.Clean(input));

        public static IEnumerable<object[]> Values => new[]
        {
            new object[] { "abc", "abc" },
            new object[] { "  José Müller \t", "José Müller" },
            new object[] { "\uFEFFFirst Name", "First Name" },
            new object[] { "a  b", "a  b" },
            new object[] { 42, "42" },
            new object[] { 1234.5, "1234.5" },
            new object[] { 1234.5m, "1234.5" },
            new object[] { true, "true" },
            new object[] { false, "false" },
            new object[] { 'x', "x" },
            new object[] { new DateTime(1990, 9, 25), "1990-09-25T00:00:00.0000000" },
            new object[] { new[] { " vip ", "", "news" }, "vip, news" },
            new object[] { Guid.Empty, "00000000-0000-0000-0000-000000000000" },
        };

        [Theory]
        [MemberData(nameof(Values))]
        public void Value_is_trimmed_invariant_text(object input, string expected) =>
            Assert.Equal(expected, CellText.Clean(input));

        [Fact]
        public void Numbers_ignore_the_current_culture()
        {
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
                Assert.Equal("1234.5", CellText.Clean(1234.5));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }
    }
}
