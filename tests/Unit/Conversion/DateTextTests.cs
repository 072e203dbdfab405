using System;
using System.Globalization;
using ContactsModule.Conversion;
using ContactsModule.Input;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    /// <summary>The date rule, run under several machine cultures: the answer must never depend on them.</summary>
    public class DateTextTests
    {
        public static readonly TheoryData<string> Cultures = new TheoryData<string> { "en-US", "de-DE", "en-GB", "" };

        // input, row's country (or default), -DateFormat, expected yyyy-MM-dd, expected note (null: none)
        private static readonly object[][] Cases =
        {
            // ISO first, whatever the country
            new object[] { "1985-04-03", "US", null, "1985-04-03", null },
            new object[] { "1985-04-03T00:00:00Z", "DE", null, "1985-04-03", null },
            new object[] { "1985/04/03", null, new[] { "MM/dd/yyyy" }, "1985-04-03", null },
            new object[] { "19850403", "GB", null, "1985-04-03", null },
            // dotted: day-first, with or without a time
            new object[] { "03.04.1985", null, null, "1985-04-03", null },
            new object[] { "03.04.1985", "US", null, "1985-04-03", null },
            new object[] { "03.04.1985 00:00:00", "DE", null, "1985-04-03", null },
            new object[] { "3.4.1985 14:30", null, null, "1985-04-03", null },
            // slashed or dashed: by the country
            new object[] { "03/04/1985", "US", null, "1985-03-04", null },
            new object[] { "03/04/1985", "PH", null, "1985-03-04", null },
            new object[] { "03/04/1985", "DE", null, "1985-04-03", null },
            new object[] { "03/04/1985", "GB", null, "1985-04-03", null },
            new object[] { "03-04-1985", "FR", null, "1985-04-03", null },
            new object[] { "03/04/1985 00:00:00", "GB", null, "1985-04-03", null },
            new object[] { "3/4/1985 12:00:00 AM", "US", null, "1985-03-04", null },
            // no country: month-first; ambiguous ones are noted
            new object[] { "03/04/1985", null, null, "1985-03-04", DateNoteKind.AmbiguousWithoutCountry },
            new object[] { "03/03/1985", null, null, "1985-03-03", null },
            new object[] { "12/25/1985", null, null, "1985-12-25", null },
            // impossible in the country's order, real in the other: read the other way and noted
            new object[] { "25/12/1985", null, null, "1985-12-25", DateNoteKind.ReadInOtherOrder },
            new object[] { "9/25/1990 12:00:00 AM", "GB", null, "1990-09-25", DateNoteKind.ReadInOtherOrder },
            new object[] { "12.31.1990", null, null, "1990-12-31", DateNoteKind.ReadInOtherOrder },
            // -DateFormat decides
            new object[] { "03/04/1985", null, new[] { "dd/MM/yyyy" }, "1985-04-03", null },
            new object[] { "03/04/1985", "US", new[] { "dd/MM/yyyy" }, "1985-04-03", null },
            new object[] { "3/4/1985 00:00:00", null, new[] { "d/M/yyyy" }, "1985-04-03", null },
            // month names
            new object[] { "April 3, 1985", "DE", null, "1985-04-03", null },
            new object[] { "3 Apr 1985", "US", null, "1985-04-03", null },
        };

        public static TheoryData<string, int> CulturesAndCases()
        {
            var data = new TheoryData<string, int>();
            foreach (var culture in new[] { "en-US", "de-DE", "en-GB", "" })
                for (int i = 0; i < Cases.Length; i++) data.Add(culture, i);
            return data;
        }

        [Theory]
        [MemberData(nameof(CulturesAndCases))]
        public void Reads_the_same_under_every_culture(string culture, int index)
        {
            var c = Cases[index];
            InCulture(culture, () =>
            {
                Assert.True(DateText.TryRead(c[0], (string)c[1], (string[])c[2], out var date, out var reason, out var note, out _), (string)c[0] + ": " + reason);
                Assert.Equal((string)c[3], date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Assert.Equal((DateNoteKind?)c[4], note);
            });
        }

        [Theory]
        [MemberData(nameof(Cultures))]
        public void Impossible_dates_are_refused_under_every_culture(string culture)
        {
            InCulture(culture, () =>
            {
                foreach (var text in new[] { "31/31/1985", "02/30/1985", "30.02.1985", "1985-02-30", "13/13/1985 00:00:00" })
                {
                    Assert.False(DateText.TryRead(text, null, null, out var date, out var reason, out _, out _), text);
                    Assert.Null(date);
                    Assert.Equal("is not a real date.", reason);
                }
                Assert.False(DateText.TryRead("13/04/1985", null, new[] { "MM/dd/yyyy" }, out _, out var why, out _, out _));
                Assert.Equal("does not fit -DateFormat 'MM/dd/yyyy' (or is not a real date in that order).", why);
            });
        }

        [Theory]
        [MemberData(nameof(Cultures))]
        public void A_time_part_changes_nothing(string culture)
        {
            InCulture(culture, () =>
            {
                foreach (var country in new[] { null, "US", "DE" })
                {
                    DateText.TryRead("03.04.1985", country, null, out var bare, out _, out _, out _);
                    DateText.TryRead("03.04.1985 00:00:00", country, null, out var timed, out _, out _, out _);
                    Assert.Equal(bare, timed);
                    DateText.TryRead("03/04/1985", country, null, out bare, out _, out _, out _);
                    DateText.TryRead("03/04/1985 13:45:10", country, null, out timed, out _, out _, out _);
                    Assert.Equal(bare, timed);
                }
            });
        }

        [Theory]
        [InlineData("0/0/00")]
        [InlineData("00/00/0000")]
        [InlineData("0.0.0000 00:00:00")]
        public void An_all_zero_date_is_not_given(string text)
        {
            Assert.True(DateText.TryRead(text, null, null, out var date, out var reason, out _, out _));
            Assert.Null(date);
            Assert.Null(reason);
        }

        [Theory]
        [InlineData("dd/MM/yyyy", true)]
        [InlineData("M/d/yyyy", true)]
        [InlineData("yyyy", false)]
        [InlineData("dd/MM", false)]
        [InlineData("", false)]
        public void Checks_a_date_format(string format, bool usable)
        {
            Assert.Equal(usable, DateText.IsUsableFormat(format, out var reason));
            Assert.Equal(usable, reason == null);
        }

        private static void InCulture(string name, Action body)
        {
            var saved = CultureInfo.CurrentCulture;
            var savedUi = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                CultureInfo.CurrentUICulture = new CultureInfo(name);
                body();
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
                CultureInfo.CurrentUICulture = savedUi;
            }
        }
    }
}
