using System.Linq;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class TimeZoneNamesTests
    {
        [Theory]
        [InlineData("America/New_York", "America/New_York")]
        [InlineData("america/new_york", "America/New_York")]
        [InlineData("AMERICA/NEW_YORK", "America/New_York")]
        [InlineData("  Europe/Berlin ", "Europe/Berlin")]
        [InlineData("america/new york", "America/New_York")]
        [InlineData("America/Chihuahua", "America/Chihuahua")]
        [InlineData("Asia/Tokyo", "Asia/Tokyo")]
        [InlineData("Asia/Kolkata", "Asia/Kolkata")]
        [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
        [InlineData("UTC", "UTC")]
        [InlineData("etc/utc", "Etc/UTC")]
        [InlineData("US/Eastern", "US/Eastern")]
        // Windows ids
        [InlineData("Eastern Standard Time", "America/New_York")]
        [InlineData("eastern standard time", "America/New_York")]
        [InlineData("Pacific Standard Time", "America/Los_Angeles")]
        [InlineData("W. Europe Standard Time", "Europe/Berlin")]
        [InlineData("GMT Standard Time", "Europe/London")]
        [InlineData("Tokyo Standard Time", "Asia/Tokyo")]
        [InlineData("India Standard Time", "Asia/Kolkata")]
        public void Resolves(string input, string expected)
        {
            Assert.True(TimeZoneNames.TryResolve(input, out var iana, out var reason), reason);
            Assert.Equal(expected, iana);
            Assert.Null(reason);
        }

        [Theory]
        [InlineData("Mars/Olympus_Mons")]
        [InlineData("Atlantis Standard Time")]
        [InlineData("EST5")]
        [InlineData("Eastern")]
        [InlineData("GMT+25")]
        [InlineData("America")]
        [InlineData("New York")]
        public void Refuses_unknown(string input)
        {
            Assert.False(TimeZoneNames.TryResolve(input, out var iana, out var reason));
            Assert.Null(iana);
            Assert.Equal("is not a known IANA time zone (such as America/New_York) or Windows time zone id.", reason);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(" ")]
        public void Blank_is_not_given(string input)
        {
            Assert.True(TimeZoneNames.TryResolve(input, out var iana, out var reason));
            Assert.Null(iana);
            Assert.Null(reason);
        }

        [Fact]
        public void IanaIds_are_sorted_unique_and_resolve_to_themselves()
        {
            var ids = TimeZoneNames.IanaIds;
            Assert.True(ids.Count > 400);
            Assert.Contains("America/New_York", ids);
            Assert.Equal(ids.OrderBy(x => x, System.StringComparer.Ordinal), ids);
            Assert.Equal(ids.Count, ids.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
            foreach (var id in ids)
            {
                Assert.True(TimeZoneNames.TryResolve(id.ToUpperInvariant(), out var iana, out _), id);
                Assert.Equal(id, iana);
            }
        }
    }
}
