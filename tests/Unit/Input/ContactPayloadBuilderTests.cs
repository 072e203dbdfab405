using System;
using System.Linq;
using ContactsModule.Input;
using Xunit;

namespace ContactsModule.Tests.Input
{
    public class ContactPayloadBuilderTests
    {
        private static ContactInput Row(params (string Field, object Value, string Column)[] cells)
        {
            var input = new ContactInput();
            foreach (var cell in cells) input.Set(cell.Field, cell.Value, cell.Column);
            return input;
        }

        [Fact]
        public void NamesAreTrimmedAndBlankCellsLeftOut()
        {
            var result = ContactPayloadBuilder.Build(Row(("firstName", "  Ada ", "First Name"), ("lastName", "Lovelace", null), ("city", "   ", "City")), (string)null);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal("Ada", result.Payload.FirstName);
            Assert.Equal("Lovelace", result.Payload.LastName);
            Assert.Null(result.Payload.City);
            Assert.Null(result.Payload.Email);
        }

        [Fact]
        public void AnEmailIsTrimmed()
        {
            var result = ContactPayloadBuilder.Build(Row(("email", " ada@example.com ", "Email")), (string)null);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal("ada@example.com", result.Payload.Email);
        }

        [Fact]
        public void ALocalPhoneUsesTheRowsCountry()
        {
            var result = ContactPayloadBuilder.Build(Row(("country", "DE", "Country"), ("phone", "030 1234567", "Phone")), "US");
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal("DE", result.Payload.Country);
            Assert.Equal("+49301234567", result.Payload.Phone);
        }

        [Fact]
        public void ALocalPhoneWithoutACountryUsesTheDefaultRegion()
        {
            var result = ContactPayloadBuilder.Build(Row(("phone", "020 7946 0000", "Phone")), "GB");
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal("+442079460000", result.Payload.Phone);
            Assert.Null(result.Payload.Country);
        }

        [Fact]
        public void ADateOfBirthIsWrittenAsIsoDate()
        {
            var result = ContactPayloadBuilder.Build(Row(("dateOfBirth", "1990/09/25", "Birthday")), (string)null);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal("1990-09-25", result.Payload.DateOfBirth);
        }

        [Fact]
        public void AGivenDateFormatReadsDayFirstDates()
        {
            var options = new ContactReadOptions { DateFormats = new[] { "dd/MM/yyyy" } };
            var result = ContactPayloadBuilder.Build(Row(("dateOfBirth", "25/09/1990", "Birthday")), options);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal("1990-09-25", result.Payload.DateOfBirth);
        }

        [Fact]
        public void TagsAreReadFromAListWithoutDuplicates()
        {
            var result = ContactPayloadBuilder.Build(Row(("tags", new object[] { "vip", " newsletter ", "VIP" }, "Tags")), (string)null);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal(new[] { "vip", "newsletter" }, result.Payload.Tags);
        }

        [Fact]
        public void AYesNoValueBecomesABoolean()
        {
            var result = ContactPayloadBuilder.Build(Row(("dnd", "yes", "DND")), (string)null);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.True(result.Payload.Dnd);
        }

        [Fact]
        public void AnInvalidPhoneIsAFieldErrorNamingColumnAndValue()
        {
            var result = ContactPayloadBuilder.Build(Row(("firstName", "Ada", "First Name"), ("phone", "call me maybe", "Mobile")), "US");
            Assert.False(result.IsValid);
            var error = Assert.Single(result.Errors);
            Assert.Equal("Mobile", error.Column);
            Assert.Equal("call me maybe", error.Value);
            Assert.False(string.IsNullOrWhiteSpace(error.Reason));
            Assert.StartsWith("Mobile 'call me maybe' ", error.ToString());
            Assert.Null(result.Payload.Phone);
            Assert.Equal("Ada", result.Payload.FirstName);
        }

        [Fact]
        public void EveryBadValueOfARowIsReported()
        {
            var result = ContactPayloadBuilder.Build(Row(("email", "not-an-email", "E-mail"), ("dnd", "perhaps", "DND"), ("country", "Atlantis", "Land")), (string)null);
            Assert.Equal(new[] { "DND", "E-mail", "Land" }, result.Errors.Select(e => e.Column).OrderBy(c => c, StringComparer.Ordinal).ToArray());
            Assert.Contains(result.Errors, e => e.Column == "DND" && e.Value == "perhaps" && e.Reason.Contains("yes/no"));
            Assert.Null(result.Payload.Email);
            Assert.Null(result.Payload.Dnd);
            Assert.Null(result.Payload.Country);
        }

        [Fact]
        public void ARowWithoutIdentityIsRefusedWhenIdentityIsRequired()
        {
            var options = new ContactReadOptions { RequireIdentity = true };
            var result = ContactPayloadBuilder.Build(Row(("city", "London", "City")), options);
            var error = Assert.Single(result.Errors);
            Assert.Null(error.Column);
            Assert.Contains("name, email or phone", error.Reason);
            Assert.True(ContactPayloadBuilder.Build(Row(("email", "ada@example.com", "Email")), options).IsValid);
        }
    }
}
