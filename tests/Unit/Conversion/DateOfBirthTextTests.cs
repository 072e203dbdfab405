using System;
using System.Collections.Generic;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class DateOfBirthTextTests
    {
        private static readonly DateTime Today = new DateTime(2026, 6, 15);

        [Theory]
        // ISO and the year-first formats the API lists
        [InlineData("1990-09-25", "1990-09-25")]
        [InlineData("1990/09/25", "1990-09-25")]
        [InlineData("1990.09.25", "1990-09-25")]
        [InlineData("1990_09_25", "1990-09-25")]
        [InlineData("1990-9-5", "1990-09-05")]
        [InlineData("  1990-09-25 ", "1990-09-25")]
        [InlineData("1990-09-25T00:00:00.000Z", "1990-09-25")]
        [InlineData("1990-09-25T23:30:00-05:00", "1990-09-25")]
        [InlineData("1990-09-25T23:30:00+0530", "1990-09-25")]
        [InlineData("1990-09-25 14:05", "1990-09-25")]
        [InlineData("1990-09-25T14:05:59.1234567", "1990-09-25")]
        // month-first formats the API lists (US order)
        [InlineData("09/25/1990", "1990-09-25")]
        [InlineData("09-25-1990", "1990-09-25")]
        [InlineData("09.25.1990", "1990-09-25")]
        [InlineData("09_25_1990", "1990-09-25")]
        [InlineData("9/5/1990", "1990-09-05")]
        [InlineData("04/05/1990", "1990-04-05")]
        [InlineData("12/31/1999", "1999-12-31")]
        [InlineData("9/25/1990 0:00", "1990-09-25")]
        [InlineData("9/25/1990 12:00 AM", "1990-09-25")]
        // impossible month-first but real day-first: read the only way it can be (the run warns once)
        [InlineData("25/09/1990", "1990-09-25")]
        [InlineData("13-01-1990", "1990-01-13")]
        // dotted: day-first
        [InlineData("31.12.1990", "1990-12-31")]
        [InlineData("03.04.1985", "1985-04-03")]
        [InlineData("03.04.1985 00:00:00", "1985-04-03")]
        // month names
        [InlineData("Jan 5 1990", "1990-01-05")]
        [InlineData("Jan 5, 1990", "1990-01-05")]
        [InlineData("January 5, 1990", "1990-01-05")]
        [InlineData("jan. 5th, 1990", "1990-01-05")]
        [InlineData("Sept 25 1990", "1990-09-25")]
        [InlineData("5 Jan 1990", "1990-01-05")]
        [InlineData("5th of January 1990", "1990-01-05")]
        [InlineData("05-Jan-1990", "1990-01-05")]
        [InlineData("25 SEPTEMBER 1990", "1990-09-25")]
        [InlineData("1990 Sep 25", "1990-09-25")]
        [InlineData("1990-Sep-25", "1990-09-25")]
        // compact
        [InlineData("19900925", "1990-09-25")]
        // edges
        [InlineData("1900-01-01", "1900-01-01")]
        [InlineData("2000-02-29", "2000-02-29")]
        [InlineData("2026-06-15", "2026-06-15")]
        public void Parses_text(string input, string expected)
        {
            Assert.True(DateOfBirthText.TryParse(input, Today, out var canonical, out var reason), reason);
            Assert.Equal(expected, canonical);
            Assert.Null(reason);
        }

        public static IEnumerable<object[]> Objects => new[]
        {
            new object[] { new DateTime(1990, 9, 25), "1990-09-25" },
            new object[] { new DateTime(1990, 9, 25, 23, 59, 0, DateTimeKind.Utc), "1990-09-25" },
            new object[] { new DateTimeOffset(1990, 9, 25, 23, 0, 0, TimeSpan.FromHours(-5)), "1990-09-25" },
        };

        [Theory]
        [MemberData(nameof(Objects))]
        public void Parses_dates(object input, string expected)
        {
            Assert.True(DateOfBirthText.TryParse(input, Today, out var canonical, out var reason), reason);
            Assert.Equal(expected, canonical);
        }

        private const string Unknown = "is not a date the API accepts. Use YYYY-MM-DD (1990-09-25) or MM/DD/YYYY (09/25/1990).";
        private const string NotReal = "is not a real date.";
        private const string TwoDigit = "has a two-digit year. Write the year in full (MM/DD/YYYY or YYYY-MM-DD).";
        private const string Future = "is in the future.";
        private const string Before1900 = "is before 1900.";

        [Theory]
        [InlineData("yesterday", Unknown)]
        [InlineData("25.09.1990x", Unknown)]
        [InlineData("1990", Unknown)]
        [InlineData("32776", Unknown)]
        [InlineData("1990-09", Unknown)]
        [InlineData("1990-09/25", Unknown)]
        [InlineData("Foo 5 1990", Unknown)]
        [InlineData("Ju 5 1990", Unknown)]
        [InlineData("1990-09-25T25", Unknown)]
        [InlineData("1990-02-30", NotReal)]
        [InlineData("1990-13-01", NotReal)]
        [InlineData("1990-00-10", NotReal)]
        [InlineData("02/30/1990", NotReal)]
        [InlineData("1999-02-29", NotReal)]
        [InlineData("Feb 30 1990", NotReal)]
        [InlineData("13/13/1990", NotReal)]
        [InlineData("09/25/90", TwoDigit)]
        [InlineData("1/5/01", TwoDigit)]
        [InlineData("2026-06-16", Future)]
        [InlineData("12/31/2099", Future)]
        [InlineData("1899-12-31", Before1900)]
        [InlineData("0001-01-01", Before1900)]
        public void Refuses_with_reason(string input, string expectedReason)
        {
            Assert.False(DateOfBirthText.TryParse(input, Today, out var canonical, out var reason));
            Assert.Null(canonical);
            Assert.Equal(expectedReason, reason);
        }

        [Fact]
        public void Refuses_a_future_DateTime()
        {
            Assert.False(DateOfBirthText.TryParse(DateTime.UtcNow.AddDays(3), out _, out var reason));
            Assert.Equal(Future, reason);
        }

        [Fact]
        public void Public_overload_uses_the_real_clock()
        {
            Assert.True(DateOfBirthText.TryParse("1990-09-25", out var canonical, out _));
            Assert.Equal("1990-09-25", canonical);
            Assert.True(DateOfBirthText.TryParse(DateTime.UtcNow.ToString("yyyy-MM-dd"), out _, out _));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void Blank_is_not_given(string input)
        {
            Assert.True(DateOfBirthText.TryParse(input, Today, out var canonical, out var reason));
            Assert.Null(canonical);
            Assert.Null(reason);
        }

        [Fact]
        public void Ignores_the_current_culture()
        {
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
                Assert.True(DateOfBirthText.TryParse("04/05/1990", Today, out var canonical, out _));
                Assert.Equal("1990-04-05", canonical);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }
    }
}
