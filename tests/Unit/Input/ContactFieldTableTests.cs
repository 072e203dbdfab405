using System;
using System.Collections.Generic;
using System.Linq;
using ContactsModule.Input;
using Xunit;

namespace ContactsModule.Tests.Input
{
    public class ContactFieldTableTests
    {
        private const string NewContact = "ContactsModule.Cmdlets.NewContactCommand";
        private const string SetContact = "ContactsModule.Cmdlets.SetContactCommand";

        [Fact]
        public void No_two_fields_share_a_header_after_normalisation()
        {
            var seen = new Dictionary<string, string>();
            foreach (var pair in ContactFieldTable.AllHeaders())
            {
                string key = HeaderName.Normalize(pair.Key);
                if (seen.TryGetValue(key, out var other)) Assert.True(other == pair.Value, "'" + pair.Key + "' means " + other + " and " + pair.Value);
                seen[key] = pair.Value;
            }
        }

        [Theory]
        [InlineData(NewContact)]
        [InlineData(SetContact)]
        public void Every_field_is_a_parameter_whose_aliases_the_table_knows(string cmdlet)
        {
            var parameters = CmdletParameters.Of(cmdlet);
            Assert.Contains("First Name", parameters["FirstName"]);
            Assert.Contains("First Name", parameters["FirstName"]);
            foreach (var field in ContactFieldTable.All)
            {
                Assert.True(parameters.ContainsKey(field.ParameterName), cmdlet + " has no -" + field.ParameterName);
                foreach (var alias in parameters[field.ParameterName])
                    Assert.True(ContactFieldTable.FindByHeader(alias) == field, cmdlet + " -" + field.ParameterName + " alias '" + alias + "' is not a header of " + field.ApiName + " in the table");
            }
        }

        [Theory]
        [InlineData(NewContact)]
        [InlineData(SetContact)]
        public void Every_parameter_alias_that_names_a_field_is_that_fields_parameter(string cmdlet)
        {
            foreach (var pair in CmdletParameters.Of(cmdlet))
            {
                foreach (var name in new[] { pair.Key }.Concat(pair.Value))
                {
                    var field = ContactFieldTable.FindByHeader(name);
                    if (field != null) Assert.Equal(field.ParameterName, pair.Key);
                }
            }
        }

        [Fact]
        public void The_fields_the_update_refuses_are_the_api_contracts_three()
        {
            var refused = ContactFieldTable.All.Where(f => !f.Updatable).Select(f => f.ApiName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(new[] { "companyName", "gender", "locationId" }, refused);
        }

        [Fact]
        public void Each_fields_assign_sets_the_request_body_property_of_its_name()
        {
            foreach (var field in ContactFieldTable.All)
            {
                bool combining = field.Kind == ContactFieldKind.CustomFields || field.Kind == ContactFieldKind.DndSettings || field.Kind == ContactFieldKind.InboundDndSettings;
                Assert.Equal(combining, field.Assign == null);
                if (combining) continue;
                object value = field.Kind == ContactFieldKind.YesNo ? (object)true : field.Kind == ContactFieldKind.Tags ? new[] { "x" } : "value-of-" + field.ApiName;
                var payload = new ContactsModule.Api.ContactPayload();
                field.Assign(payload, value);
                foreach (var property in typeof(ContactsModule.Api.ContactPayload).GetProperties())
                {
                    object got = property.GetValue(payload);
                    if (string.Equals(property.Name, field.ApiName, StringComparison.OrdinalIgnoreCase)) Assert.Equal(value, got);
                    else Assert.Null(got);
                }
            }
        }

        [Fact]
        public void Every_field_is_a_property_of_the_request_body()
        {
            var properties = typeof(ContactsModule.Api.ContactPayload).GetProperties().Select(p => p.Name).ToList();
            foreach (var field in ContactFieldTable.All)
                Assert.Contains(properties, p => string.Equals(p, field.ApiName, StringComparison.OrdinalIgnoreCase));
        }

        [Theory]
        [InlineData("lastname", "lastName")]
        [InlineData("LASTNAME", "lastName")]
        [InlineData(" lastName ", "lastName")]
        [InlineData("Last Name", "lastName")]
        [InlineData("Surname", "lastName")]
        [InlineData("zip", "postalCode")]
        [InlineData("Company", "companyName")]
        [InlineData("businessname", "businessName")]
        [InlineData("TAGS", "tags")]
        [InlineData("dateadded", "dateAdded")]
        public void A_filter_key_means_its_search_field(string key, string apiName) =>
            Assert.Equal(apiName, ContactFieldTable.FindSearchField(key));

        [Theory]
        [InlineData("nosuchfield")]
        [InlineData("Custom Fields")]
        [InlineData("DND Settings")]
        [InlineData("")]
        [InlineData(null)]
        public void A_key_that_is_no_search_field_means_none(string key) =>
            Assert.Null(ContactFieldTable.FindSearchField(key));

        [Fact]
        public void Every_search_field_is_itself_and_names_are_unique()
        {
            Assert.Equal(ContactFieldTable.SearchFields.Count, ContactFieldTable.SearchFields.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            foreach (var name in ContactFieldTable.SearchFields) Assert.Equal(name, ContactFieldTable.FindSearchField(name.ToUpperInvariant()));
        }
    }
}
