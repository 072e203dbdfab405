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
            // | separates like , and ;
            new object[] { "vip|newsletter", new[] { "vip", "newsletter" } },
            // a JSON array cell is its items
            new object[] { "[\"vip\",\"newsletter\"]", new[] { "vip", "newsletter" } },
            new object[] { " [ \"vip, gold\" , 2024 ] ", new[] { "vip, gold", "2024" } },
            // Mailchimp's quoted list and Google Contacts' " ::: "
            new object[] { "\"Customer\",\"VIP\"", new[] { "Customer", "VIP" } },
            new object[] { "Friends ::: Family", new[] { "Friends", "Family" } },
        };

        [Theory]
        [InlineData("[\"vip\",")]
        [InlineData("[vip, newsletter]")]
        [InlineData("[{\"a\":1}]")]
        public void A_cell_that_is_not_a_JSON_array_of_text_says_so(string input)
        {
            Assert.False(TagList.TryParse(input, out _, out var reason));
            Assert.Equal("looks like a JSON array but is not one of text items. Write the tags as [\"vip\",\"newsletter\"] or vip, newsletter.", reason);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parses(object input, string[] expected) => Assert.Equal(expected, TagList.Parse(input));

        [Fact]
        public void Never_returns_null() => Assert.NotNull(TagList.Parse(null));
    }
}
