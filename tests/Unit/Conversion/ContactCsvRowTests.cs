using System;
using System.Collections.Generic;
using System.Linq;
using ContactsModule.Conversion;
using ContactsModule.Models;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class ContactCsvRowTests
    {
        private static readonly ContactCustomField[] Schema =
        {
            new ContactCustomField { Id = "A1", Key = "contact.membership_level", Name = "Membership Level", DataType = "SINGLE_OPTIONS" },
            new ContactCustomField { Id = "A2", Key = "contact.contract", Name = "Contract", DataType = "FILE_UPLOAD" },
            new ContactCustomField { Id = "A3", Key = "contact.languages", Name = "Languages", DataType = "MULTIPLE_OPTIONS" },
            new ContactCustomField { Id = "A4", Key = "contact.renewal_date", Name = "Renewal Date", DataType = "DATE" },
        };

        [Fact]
        public void Columns_are_the_standard_ones_then_each_non_file_field_key()
        {
            var writer = new ContactCsvRow(Schema);
            Assert.Equal(new[] { "contact.membership_level", "contact.languages", "contact.renewal_date" }, writer.CustomFieldColumns.ToArray());
            var row = writer.Write(new Contact(), new List<string>());
            var names = row.Keys.Cast<string>().ToArray();
            Assert.Equal(ContactCsvRow.StandardColumns.Concat(writer.CustomFieldColumns), names);
            Assert.DoesNotContain("Id", names);
            Assert.DoesNotContain("AssignedTo", names);
        }

        [Fact]
        public void Values_are_written_as_the_import_reads_them_and_unplaceable_ones_are_reported()
        {
            var contact = new Contact
            {
                Email = "ann@example.com",
                Tags = new ContactTags(new[] { "vip", "golf" }),
                Dnd = true,
                DateOfBirth = new DateTime(1990, 4, 2),
                CustomFields = new CustomFieldList(new[]
                {
                    new CustomFieldValue { Id = "B1", Key = "membership_level", Value = "Gold" },
                    new CustomFieldValue { Id = "B3", Key = "contact.languages", Value = new[] { "French", "German" } },
                    new CustomFieldValue { Id = "B4", Key = "contact.renewal_date", Value = new DateTime(2027, 3, 15) },
                    new CustomFieldValue { Id = "B9", Key = "contact.elsewhere", Value = "x" },
                    new CustomFieldValue { Id = "NOKEY", Value = "y" },
                }),
            };
            var left = new List<string>();
            var row = new ContactCsvRow(Schema).Write(contact, left);
            Assert.Equal("vip, golf", row["Tags"]);
            Assert.Equal("true", row["Dnd"]);
            Assert.Equal("1990-04-02", row["DateOfBirth"]);
            Assert.Equal("Gold", row["contact.membership_level"]);
            Assert.Equal("French; German", row["contact.languages"]);
            Assert.Equal("2027-03-15", row["contact.renewal_date"]);
            Assert.Equal(new[] { "contact.elsewhere", "id NOKEY" }, left.ToArray());
        }

        [Theory]
        [InlineData(1234.5, "1234.5")]
        [InlineData(true, "true")]
        [InlineData("text", "text")]
        [InlineData(null, "")]
        public void Text_is_invariant(object value, string expected)
        {
            Assert.Equal(expected, ContactCsvRow.Text(value));
        }
    }
}
