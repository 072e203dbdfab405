using System;
using System.Collections.Generic;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class TagListTests
    {
        public static IEnumerable<object[]> Cases => new[]
        {
            new object[] { "vip, newsletter; 2024", new[] { "vip", "newsletter", "2024" } },
            new object[] { "vip", new[] { "vip" } },
            new object[] { "  vip  ", new[] { "vip" } },
            new object[] { "VIP, vip, Vip", new[] { "VIP" } },
            new object[] { "a,,b;;c, ,", new[] { "a", "b", "c" } },
            new object[] { ";,", new string[0] },
            new object[] { "trade show 2024, Trade Show 2024", new[] { "trade show 2024" } },
            new object[] { "Zoë, zoë, ZOË", new[] { "Zoë" } },
            new object[] { null, new string[0] },
            new object[] { "", new string[0] },
            new object[] { "   ", new string[0] },
            new object[] { DBNull.Value, new string[0] },
            new object[] { 2024, new[] { "2024" } },
            // a sequence stays a sequence: items are trimmed, not split
            new object[] { new[] { " vip ", "a, b", "", null, "VIP", "news" }, new[] { "vip", "a, b", "news" } },
            new object[] { new object[] { "x", 1, 1, " " }, new[] { "x", "1" } },
            new object[] { new List<string> { "b", "a", "B" }, new[] { "b", "a" } },
            new object[] { new string[0], new string[0] },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parses(object input, string[] expected) => Assert.Equal(expected, TagList.Parse(input));

        [Fact]
        public void Never_returns_null() => Assert.NotNull(TagList.Parse(null));
    }
}
