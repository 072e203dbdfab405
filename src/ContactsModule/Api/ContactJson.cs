using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>Contact JSON in both directions. System.Text.Json stays inside this class.</summary>
    internal static class ContactJson
    {
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            // Names with accents, CJK and emoji go out as UTF-8 text, not \u escapes.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string WritePayload(ContactPayload payload)
        {
            return Write(writer =>
            {
                writer.WriteStartObject();
                WriteString(writer, "firstName", payload.FirstName);
                WriteString(writer, "lastName", payload.LastName);
                WriteString(writer, "name", payload.Name);
                WriteString(writer, "email", payload.Email);
                WriteString(writer, "locationId", payload.LocationId);
                WriteString(writer, "gender", payload.Gender);
                WriteString(writer, "phone", payload.Phone);
                WriteString(writer, "address1", payload.Address1);
                WriteString(writer, "city", payload.City);
                WriteString(writer, "state", payload.State);
                WriteString(writer, "postalCode", payload.PostalCode);
                WriteString(writer, "website", payload.Website);
                WriteString(writer, "timezone", payload.Timezone);
                if (payload.Dnd.HasValue) writer.WriteBoolean("dnd", payload.Dnd.Value);
                if (payload.DndSettings != null)
                {
                    writer.WriteStartObject("dndSettings");
                    foreach (var channel in payload.DndSettings.Channels()) WriteChannel(writer, channel.Key, channel.Value);
                    writer.WriteEndObject();
                }
                if (payload.InboundDndSettings?.All != null)
                {
                    writer.WriteStartObject("inboundDndSettings");
                    WriteChannel(writer, "all", payload.InboundDndSettings.All);
                    writer.WriteEndObject();
                }
                if (payload.Tags != null) WriteStringArray(writer, "tags", payload.Tags);
                if (payload.CustomFields != null && payload.CustomFields.Count > 0)
                {
                    writer.WriteStartArray("customFields");
                    foreach (var field in payload.CustomFields)
                    {
                        writer.WriteStartObject();
                        if (!string.IsNullOrEmpty(field.Id)) writer.WriteString("id", field.Id);
                        else writer.WriteString("key", field.Key);
                        writer.WritePropertyName("field_value");
                        WriteValue(writer, field.Value);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                WriteString(writer, "source", payload.Source);
                WriteString(writer, "country", payload.Country);
                WriteString(writer, "companyName", payload.CompanyName);
                WriteString(writer, "assignedTo", payload.AssignedTo);
                WriteString(writer, "dateOfBirth", payload.DateOfBirth);
                if (payload.CreateNewIfDuplicateAllowed.HasValue) writer.WriteBoolean("createNewIfDuplicateAllowed", payload.CreateNewIfDuplicateAllowed.Value);
                writer.WriteEndObject();
            });
        }

        /// <summary>{"tags": [...]}: the body of POST and DELETE /contacts/{id}/tags.</summary>
        public static string WriteTagsBody(IEnumerable<string> tags) => Write(writer =>
        {
            writer.WriteStartObject();
            WriteStringArray(writer, "tags", tags);
            writer.WriteEndObject();
        });

        /// <summary>{"contacts": [...], "tags": [...], "locationId": ...}: the body of POST /contacts/bulk/tags/update/{add|remove}.</summary>
        public static string WriteBulkTagsBody(IEnumerable<string> contactIds, IEnumerable<string> tags, string locationId) => Write(writer =>
        {
            writer.WriteStartObject();
            WriteStringArray(writer, "contacts", contactIds);
            WriteStringArray(writer, "tags", tags);
            writer.WriteString("locationId", locationId);
            writer.WriteEndObject();
        });

        /// <summary>{"fieldId": value, ...}: how a CustomFieldList prints itself.</summary>
        public static string WriteCustomFieldMap(IEnumerable<CustomFieldValue> fields)
        {
            return Write(writer =>
            {
                writer.WriteStartObject();
                foreach (var field in fields)
                {
                    writer.WritePropertyName(field.Id ?? string.Empty);
                    // A DATE value typed from the schema goes back out as the API wrote it (yyyy-MM-dd) so the text re-imports.
                    if (field.Value is DateTime date) writer.WriteStringValue(CustomFieldValue.ValueText(date).Replace(' ', 'T'));
                    else WriteValue(writer, field.Value);
                }
                writer.WriteEndObject();
            });
        }

        /// <summary>Reads {"id": value} text (CustomFieldList.ToString) back; null when the text is not such an object.</summary>
        public static IDictionary<string, object> TryReadCustomFieldMap(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{') return null;
            try
            {
                using (var doc = JsonDocument.Parse(text))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
                    var map = new Dictionary<string, object>(StringComparer.Ordinal);
                    foreach (var property in doc.RootElement.EnumerateObject()) map[property.Name] = ToCustomFieldValue(property.Value);
                    return map;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Reads the "contact" property of a response body (or the body itself when it is the contact).</summary>
        public static Contact ReadContactFromResponse(string body, string property = "contact")
        {
            using (var doc = JsonDocument.Parse(body))
            {
                var root = doc.RootElement;
                if (property != null)
                {
                    if (!root.TryGetProperty(property, out var inner) || inner.ValueKind == JsonValueKind.Null) return null;
                    return ReadContact(inner);
                }
                return ReadContact(root);
            }
        }

        public static Contact ReadContact(JsonElement e)
        {
            var contact = new Contact();
            foreach (var property in e.EnumerateObject())
            {
                var v = property.Value;
                switch (property.Name)
                {
                    case "id": contact.Id = Str(v); break;
                    case "locationId": contact.LocationId = Str(v); break;
                    case "firstName": contact.FirstName = Str(v); break;
                    case "lastName": contact.LastName = Str(v); break;
                    case "name": case "contactName": contact.Name = Str(v); break;
                    case "email": contact.Email = Str(v); break;
                    case "phone": contact.Phone = Str(v); break;
                    case "companyName": contact.CompanyName = Str(v); break;
                    case "address1": contact.Address1 = Str(v); break;
                    case "city": contact.City = Str(v); break;
                    case "state": contact.State = Str(v); break;
                    case "postalCode": contact.PostalCode = Str(v); break;
                    case "country": contact.Country = Str(v); break;
                    case "website": contact.Website = Str(v); break;
                    case "timezone": contact.Timezone = Str(v); break;
                    case "source": contact.Source = Str(v); break;
                    case "assignedTo": contact.AssignedTo = Str(v); break;
                    case "gender": contact.Gender = Str(v); break;
                    case "type": contact.Type = Str(v); break;
                    case "tags": contact.Tags = new ContactTags(StrArray(v)); break;
                    case "customFields": case "customField": contact.CustomFields = ReadCustomFields(v); break;
                    case "dnd": contact.Dnd = Bool(v); break;
                    case "dndSettings": contact.DndSettings = ReadDndSettings(v); break;
                    case "inboundDndSettings": contact.InboundDndSettings = ReadInboundDnd(v); break;
                    case "dateOfBirth": contact.DateOfBirth = Date(v); break;
                    case "birthMonth": contact.BirthMonth = Int(v); break;
                    case "birthDay": contact.BirthDay = Int(v); break;
                    case "dateAdded": contact.DateAdded = Date(v); break;
                    case "dateUpdated": contact.DateUpdated = Date(v); break;
                    case "lastSessionActivityAt": contact.LastSessionActivityAt = Date(v); break;
                    case "deleted": contact.Deleted = Bool(v); break;
                    case "bounceEmail": contact.BounceEmail = Bool(v); break;
                    case "unsubscribeEmail": contact.UnsubscribeEmail = Bool(v); break;
                    case "firstNameLowerCase": contact.FirstNameLowerCase = Str(v); break;
                    case "lastNameLowerCase": contact.LastNameLowerCase = Str(v); break;
                    case "fullNameLowerCase": contact.FullNameLowerCase = Str(v); break;
                    case "emailLowerCase": contact.EmailLowerCase = Str(v); break;
                    case "businessId": contact.BusinessId = Str(v); break;
                    case "offers": contact.Offers = StrArray(v); break;
                    case "products": contact.Products = StrArray(v); break;
                    default: contact.AdditionalProperties[property.Name] = ToPlain(v); break;
                }
            }
            if (string.IsNullOrEmpty(contact.Name))
            {
                string full = ((contact.FirstName ?? string.Empty) + " " + (contact.LastName ?? string.Empty)).Trim();
                contact.Name = full.Length > 0 ? full : null;
            }
            return contact;
        }

        /// <summary>A JSON value as plain .NET values: Hashtable, object[], string, long, double, bool, null.</summary>
        public static object ToPlain(JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Number: return v.TryGetInt64(out long l) ? (object)l : v.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array:
                    var list = new List<object>();
                    foreach (var item in v.EnumerateArray()) list.Add(ToPlain(item));
                    return list.ToArray();
                case JsonValueKind.Object:
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var p in v.EnumerateObject()) table[p.Name] = ToPlain(p.Value);
                    return table;
                default: return null;
            }
        }

        internal static string Write(Action<Utf8JsonWriter> write)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, WriterOptions)) write(writer);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        internal static void WriteValue(Utf8JsonWriter writer, object value)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case double d: writer.WriteNumberValue(d); break;
                case float f: writer.WriteNumberValue(f); break;
                case DateTime dt: writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); break;
                case IDictionary dict:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dict)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                        WriteValue(writer, entry.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items) WriteValue(writer, item);
                    writer.WriteEndArray();
                    break;
                default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }

        private static void WriteStringArray(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }

        private static void WriteString(Utf8JsonWriter writer, string name, string value)
        {
            if (value != null) writer.WriteString(name, value);
        }

        private static void WriteChannel(Utf8JsonWriter writer, string name, DndChannelSetting setting)
        {
            writer.WriteStartObject(name);
            WriteString(writer, "status", setting.Status);
            WriteString(writer, "message", setting.Message);
            WriteString(writer, "code", setting.Code);
            writer.WriteEndObject();
        }

        private static CustomFieldList ReadCustomFields(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Array) return CustomFieldList.Empty;
            var list = new List<CustomFieldValue>();
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                string id = item.TryGetProperty("id", out var idElement) ? Str(idElement) : null;
                object value = null;
                if (item.TryGetProperty("value", out var valueElement) || item.TryGetProperty("field_value", out valueElement))
                    value = ToCustomFieldValue(valueElement);
                list.Add(new CustomFieldValue { Id = id, Value = value });
            }
            return new CustomFieldList(list);
        }

        private static object ToCustomFieldValue(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Array)
            {
                var items = new List<string>();
                foreach (var item in v.EnumerateArray()) items.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
                return items.ToArray();
            }
            return ToPlain(v);
        }

        private static DndSettings ReadDndSettings(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Object) return null;
            var settings = new DndSettings();
            foreach (var p in v.EnumerateObject())
            {
                var channel = DndSettings.NormalizeChannel(p.Name);
                if (channel != null && p.Value.ValueKind == JsonValueKind.Object) settings.Set(channel, ReadChannel(p.Value));
            }
            return settings;
        }

        private static InboundDndSettings ReadInboundDnd(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Object) return null;
            return v.TryGetProperty("all", out var all) && all.ValueKind == JsonValueKind.Object
                ? new InboundDndSettings { All = ReadChannel(all) }
                : new InboundDndSettings();
        }

        private static DndChannelSetting ReadChannel(JsonElement v) => new DndChannelSetting
        {
            Status = v.TryGetProperty("status", out var s) ? Str(s) : null,
            Message = v.TryGetProperty("message", out var m) ? Str(m) : null,
            Code = v.TryGetProperty("code", out var c) ? Str(c) : null,
        };

        private static string Str(JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Null: case JsonValueKind.Undefined: return null;
                default: return v.GetRawText();
            }
        }

        private static string[] StrArray(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Array) return new string[0];
            var list = new List<string>();
            foreach (var item in v.EnumerateArray()) if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString());
            return list.ToArray();
        }

        private static bool Bool(JsonElement v) => v.ValueKind == JsonValueKind.True;

        private static int? Int(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)) return i;
            if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out i)) return i;
            return null;
        }

        private static DateTime? Date(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.String &&
                DateTime.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                return date;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long ms))
                return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(ms);
            return null;
        }
    }
}
