using System;
using ContactsModule.Models;
using Xunit;

namespace ContactsModule.Tests.Models
{
    public class CustomFieldListTests
    {
        private static CustomFieldList Sample() => new CustomFieldList(new[]
        {
            new CustomFieldValue { Id = "AbC123", Key = "contact.membership_level", Name = "Membership Level", Value = "Gold" },
            new CustomFieldValue { Id = "Xyz789", Key = "contact.renewal_date", Name = "Renewal Date", Value = new DateTime(2027, 3, 15) },
            new CustomFieldValue { Id = "NoName1", Value = new[] { "a", "b" } },
        });

        [Theory]
        [InlineData("AbC123")]
        [InlineData("abc123")]
        [InlineData("membership_level")]
        [InlineData("MEMBERSHIP_LEVEL")]
        [InlineData("contact.membership_level")]
        [InlineData("Contact.Membership_Level")]
        [InlineData("Membership Level")]
        [InlineData("membership level")]
        [InlineData(" Membership Level ")]
        public void The_string_indexer_finds_a_field_by_id_key_or_name_ignoring_case(string lookup)
        {
            Assert.Equal("Gold", Sample()[lookup]);
        }

        [Theory]
        [InlineData("nope")]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("contact.")]
        public void An_unknown_lookup_gives_null(string lookup)
        {
            Assert.Null(Sample()[lookup]);
        }

        [Fact]
        public void An_exact_id_wins_over_a_name_or_key_spelled_the_same()
        {
            var list = new CustomFieldList(new[]
            {
                new CustomFieldValue { Id = "F1", Key = "contact.code", Name = "F2", Value = "by name" },
                new CustomFieldValue { Id = "F2", Key = "contact.f2x", Name = "Other", Value = "by id" },
            });
            Assert.Equal("by id", list["F2"]);
            Assert.Equal("by name", list["code"]);
        }

        [Fact]
        public void ToString_keeps_ids_and_writes_dates_as_the_api_does()
        {
            Assert.Equal("{\"AbC123\":\"Gold\",\"Xyz789\":\"2027-03-15\",\"NoName1\":[\"a\",\"b\"]}", Sample().ToString());
            Assert.Equal(string.Empty, CustomFieldList.Empty.ToString());
        }

        [Fact]
        public void The_display_text_uses_names_when_known_and_ids_otherwise()
        {
            Assert.Equal("Membership Level=Gold; Renewal Date=2027-03-15; NoName1=a,b", Sample().ToDisplayString());
            Assert.Equal("Renewal Date=2027-03-15", Sample()[1].ToString());
            Assert.Equal("F=1.5", new CustomFieldValue { Id = "F", Value = 1.5m }.ToString());
        }
    }
}
