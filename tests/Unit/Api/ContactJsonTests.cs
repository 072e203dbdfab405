using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    public class ContactJsonTests
    {
        [Fact]
        public void WritePayloadLeavesOutEveryValueNotGiven()
        {
            string json = ContactJson.WritePayload(new ContactPayload { FirstName = "Ada", Dnd = false });
            Assert.Equal("{\"firstName\":\"Ada\",\"dnd\":false}", json);
        }

        [Fact]
        public void WritePayloadOfAnEmptyPayloadIsAnEmptyObject()
        {
            Assert.Equal("{}", ContactJson.WritePayload(new ContactPayload()));
        }

        [Fact]
        public void WritePayloadWritesTagsAsAnArrayAndCustomFieldsByIdOrKey()
        {
            var payload = new ContactPayload
            {
                Email = "ada@example.com",
                Tags = new[] { "vip", "newsletter" },
                CustomFields = new List<CustomFieldInput>
                {
                    new CustomFieldInput { Id = "fld1", Value = "blue" },
                    new CustomFieldInput { Key = "contact.shoe_size", Value = 42 },
                    new CustomFieldInput { Id = "fld3", Key = "ignored", Value = new[] { "a", "b" } },
                },
            };
            using var doc = JsonDocument.Parse(ContactJson.WritePayload(payload));
            var root = doc.RootElement;
            Assert.Equal("ada@example.com", root.GetProperty("email").GetString());
            Assert.Equal(new[] { "vip", "newsletter" }, root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
            var fields = root.GetProperty("customFields").EnumerateArray().ToArray();
            Assert.Equal(3, fields.Length);
            Assert.Equal("fld1", fields[0].GetProperty("id").GetString());
            Assert.Equal("blue", fields[0].GetProperty("field_value").GetString());
            Assert.False(fields[0].TryGetProperty("key", out _));
            Assert.Equal("contact.shoe_size", fields[1].GetProperty("key").GetString());
            Assert.False(fields[1].TryGetProperty("id", out _));
            Assert.Equal(42, fields[1].GetProperty("field_value").GetInt32());
            // An id wins over a key: only the id is sent.
            Assert.Equal("fld3", fields[2].GetProperty("id").GetString());
            Assert.False(fields[2].TryGetProperty("key", out _));
            Assert.Equal(new[] { "a", "b" }, fields[2].GetProperty("field_value").EnumerateArray().Select(t => t.GetString()).ToArray());
            Assert.False(root.TryGetProperty("firstName", out _));
        }

        [Fact]
        public void WritePayloadWritesAnEmptyTagListButNoEmptyCustomFields()
        {
            string json = ContactJson.WritePayload(new ContactPayload { Tags = new string[0], CustomFields = new List<CustomFieldInput>() });
            Assert.Equal("{\"tags\":[]}", json);
        }

        [Fact]
        public void WritePayloadKeepsAccentedTextUnescaped()
        {
            Assert.Equal("{\"lastName\":\"Müller\"}", ContactJson.WritePayload(new ContactPayload { LastName = "Müller" }));
        }

        [Fact]
        public void ReadContactReadsFieldsCustomFieldsDatesTagsAndKeepsUnknownProperties()
        {
            const string json = @"{
                ""id"": ""c1"", ""locationId"": ""loc"", ""firstName"": ""Ada"", ""lastName"": ""Lovelace"",
                ""email"": ""ada@example.com"", ""phone"": ""+442079460000"",
                ""tags"": [""vip"", ""newsletter""],
                ""customFields"": [ { ""id"": ""fld1"", ""value"": ""blue"" }, { ""id"": ""fld2"", ""value"": [""x"", ""y""] }, { ""id"": ""fld3"", ""value"": 7 } ],
                ""dateAdded"": ""2024-03-01T10:20:30.000Z"",
                ""dnd"": true,
                ""somethingNew"": { ""level"": 3 },
                ""score"": 12
            }";
            using var doc = JsonDocument.Parse(json);
            var contact = ContactJson.ReadContact(doc.RootElement);
            Assert.Equal("c1", contact.Id);
            Assert.Equal("loc", contact.LocationId);
            Assert.Equal("Ada", contact.FirstName);
            Assert.Equal("Lovelace", contact.LastName);
            Assert.Equal("Ada Lovelace", contact.Name);
            Assert.Equal("ada@example.com", contact.Email);
            Assert.Equal("+442079460000", contact.Phone);
            Assert.True(contact.Dnd);
            Assert.Equal(new[] { "vip", "newsletter" }, contact.Tags.ToArray());
            Assert.Equal(new DateTime(2024, 3, 1, 10, 20, 30, DateTimeKind.Utc), contact.DateAdded);
            Assert.Equal(DateTimeKind.Utc, contact.DateAdded.Value.Kind);
            Assert.Equal(3, contact.CustomFields.Count);
            Assert.Equal("blue", contact.CustomFields["fld1"]);
            Assert.Equal(new[] { "x", "y" }, (string[])contact.CustomFields["fld2"]);
            Assert.Equal(7L, contact.CustomFields["fld3"]);
            var extra = Assert.IsType<Hashtable>(contact.AdditionalProperties["somethingNew"]);
            Assert.Equal(3L, extra["level"]);
            Assert.Equal(12L, contact.AdditionalProperties["score"]);
            Assert.False(contact.AdditionalProperties.ContainsKey("firstName"));
        }

        [Fact]
        public void ReadContactReadsADateGivenInEpochMilliseconds()
        {
            using var doc = JsonDocument.Parse("{\"id\":\"c1\",\"dateAdded\":1709288430000}");
            Assert.Equal(new DateTime(2024, 3, 1, 10, 20, 30, DateTimeKind.Utc), ContactJson.ReadContact(doc.RootElement).DateAdded);
        }

        [Fact]
        public void ReadContactFromResponseReadsTheContactPropertyOrNull()
        {
            Assert.Equal("c9", ContactJson.ReadContactFromResponse("{\"contact\":{\"id\":\"c9\",\"contactName\":\"Grace\"}}").Id);
            Assert.Equal("Grace", ContactJson.ReadContactFromResponse("{\"contact\":{\"id\":\"c9\",\"contactName\":\"Grace\"}}").Name);
            Assert.Null(ContactJson.ReadContactFromResponse("{\"contact\":null}"));
            Assert.Null(ContactJson.ReadContactFromResponse("{\"other\":{}}"));
        }
    }
}
