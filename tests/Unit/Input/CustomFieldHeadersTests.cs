using System.Collections.Generic;
using System.Linq;
using ContactsModule.Input;
using ContactsModule.Models;
using Xunit;

namespace ContactsModule.Tests.Input
{
    public class CustomFieldHeadersTests
    {
        private static readonly IReadOnlyList<ContactCustomField> Schema = new[]
        {
            new ContactCustomField { Id = "AbCdEfGhIjKlMnOpQr01", Name = "Membership Level", Key = "contact.membership_level" },
            new ContactCustomField { Id = "AbCdEfGhIjKlMnOpQr02", Name = "Nickname", Key = "contact.nickname" },
            new ContactCustomField { Id = "AbCdEfGhIjKlMnOpQr03", Name = "Shoe Size", Key = "shoe_size" },
        };

        [Theory]
        [InlineData("Membership Level", "contact.membership_level")]
        [InlineData(" membership level ", "contact.membership_level")]
        [InlineData("membership_level", "contact.membership_level")]
        [InlineData("contact.membership_level", "contact.membership_level")]
        [InlineData("CONTACT.MEMBERSHIP-LEVEL", "contact.membership_level")]
        [InlineData("AbCdEfGhIjKlMnOpQr02", "contact.nickname")]
        [InlineData("contact.shoe_size", "shoe_size")]
        [InlineData("ShoeSize", "shoe_size")]
        public void FindsByNameKeyOrId(string header, string key)
        {
            Assert.Equal(key, CustomFieldHeaders.Find(Schema, header)?.Key);
        }

        [Theory]
        [InlineData("abcdefghijklmnopqr02")]
        [InlineData("Membership")]
        [InlineData("")]
        [InlineData("contact.")]
        public void FindsNothingForOtherHeaders(string header)
        {
            Assert.Null(CustomFieldHeaders.Find(Schema, header));
        }

        [Fact]
        public void NoSchemaFindsNothing() => Assert.Null(CustomFieldHeaders.Find(null, "Nickname"));

        [Theory]
        [InlineData("Membership Levl", "Membership Level")]
        [InlineData("membrship_level", "Membership Level")]
        [InlineData("Nick name", "Nickname")]
        [InlineData("Nikname", "Nickname")]
        public void SuggestsTheClosestNames(string header, string expected)
        {
            Assert.Equal(expected, CustomFieldHeaders.Closest(Schema, header).First());
        }

        [Theory]
        [InlineData("Zebra")]
        [InlineData("Lifecycle Stage")]
        public void SuggestsNothingFarAway(string header)
        {
            Assert.Empty(CustomFieldHeaders.Closest(Schema, header));
        }

        [Theory]
        [InlineData("", "", 0)]
        [InlineData("abc", "", 3)]
        [InlineData("kitten", "sitting", 3)]
        [InlineData("level", "levl", 1)]
        public void DistanceIsLevenshtein(string a, string b, int distance)
        {
            Assert.Equal(distance, CustomFieldHeaders.Distance(a, b));
            Assert.Equal(distance, CustomFieldHeaders.Distance(b, a));
        }
    }
}
