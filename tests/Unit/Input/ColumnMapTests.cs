using System.Linq;
using ContactsModule.Input;
using Xunit;

namespace ContactsModule.Tests.Input
{
    public class ColumnMapTests
    {
        [Theory]
        [InlineData("First Name ", "firstName")]
        [InlineData("First\u00A0Name", "firstName")]
        [InlineData(" first_name", "firstName")]
        [InlineData("FIRST-NAME", "firstName")]
        [InlineData("first.name", "firstName")]
        [InlineData("FirstName", "firstName")]
        [InlineData("firstName", "firstName")]
        [InlineData("Mailing Zip/Postal Code", "postalCode")]
        [InlineData("MailingPostalCode", "postalCode")]
        [InlineData("State/Region", "state")]
        [InlineData("Country/Region", "country")]
        [InlineData("Mobile Phone Number", "phone")]
        [InlineData("Account Name", "companyName")]
        [InlineData("Birthdate", "dateOfBirth")]
        [InlineData("E-mail 1 - Value", "email")]
        [InlineData("Person - Email - Work", "email")]
        [InlineData("Home Country/Region", "country")]
        public void Finds_the_field_of_a_header(string header, string apiName) =>
            Assert.Equal(apiName, ContactFieldTable.FindByHeader(header)?.ApiName);

        [Theory]
        [InlineData("Lifecycle Stage")]
        [InlineData("Contact owner")]
        [InlineData("Emial")]
        [InlineData("FirstName;LastName;Email")]
        public void Knows_nothing_of_other_headers(string header) => Assert.Null(ContactFieldTable.FindByHeader(header));

        [Theory]
        [InlineData("DND SMS", "SMS")]
        [InlineData("Email Opt Out", "Email")]
        [InlineData("HasOptedOutOfEmail", "Email")]
        [InlineData("Do Not Call", "Call")]
        [InlineData("Unsubscribed", "Email")]
        [InlineData("dnd_whatsapp", "WhatsApp")]
        public void Maps_opt_out_columns_to_their_channel(string header, string channel)
        {
            Assert.True(ContactFieldTable.TryDndChannel(header, out var found));
            Assert.Equal(channel, found);
        }

        [Fact]
        public void Classifies_every_column_and_lists_the_unused_ones()
        {
            var options = new ColumnMapOptions();
            options.CustomFieldColumns["Favourite colour"] = "favorite_color";
            options.IgnoredColumns.Add("record id");
            var headers = new[] { "Record ID", "Email", "Email Address", "customField.shoe_size", "Favourite Colour", "Email Opt Out", "Lifecycle Stage", "Contact owner" };
            var map = ColumnMap.Build(headers, options);
            Assert.Equal(new[] { ColumnKind.Ignored, ColumnKind.Field, ColumnKind.Field, ColumnKind.CustomField, ColumnKind.CustomField, ColumnKind.DndChannel, ColumnKind.Unused, ColumnKind.Unused },
                map.Columns.Select(c => c.Kind));
            Assert.Equal(new[] { "Lifecycle Stage", "Contact owner" }, map.Unused);
            Assert.Equal(new[] { 1, 2 }, map.ColumnsOf(ContactFieldTable.Field("email")));
            Assert.Equal("shoe_size", map.Columns[3].Key);
            Assert.Equal("favorite_color", map.Columns[4].Key);
            Assert.True(map.IsFor(headers));
            Assert.False(map.IsFor(headers.Reverse().ToArray()));
        }

        [Fact]
        public void Later_claims_take_columns_the_table_does_not_know()
        {
            var options = new ColumnMapOptions();
            options.Claims.Add(h => HeaderName.Same(h, "Lifecycle Stage") ? new ColumnUse(h, ColumnKind.CustomField, key: "lifecycle") : null);
            var map = ColumnMap.Build(new[] { "lifecycle_stage", "Other" }, options);
            Assert.Equal(ColumnKind.CustomField, map.Columns[0].Kind);
            Assert.Equal(new[] { "Other" }, map.Unused);
        }
    }
}
