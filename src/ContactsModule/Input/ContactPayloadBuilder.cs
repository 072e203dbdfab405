using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using ContactsModule.Api;
using ContactsModule.Conversion;
using ContactsModule.Models;

namespace ContactsModule.Input
{
    /// <summary>
    /// Turns a row's raw values into the JSON body the API documents: text trimmed, blanks left out,
    /// yes/no to booleans, country names to codes, local phones to E.164, Windows time zones to IANA.
    /// Every value that cannot be converted becomes a FieldError; nothing is guessed.
    /// </summary>
    internal static class ContactPayloadBuilder
    {
        /// <param name="defaultCountry">Region for local phone numbers when the row has no country (two-letter code or null).</param>
        public static PayloadBuildResult Build(ContactInput input, string defaultCountry) =>
            Build(input, new ContactReadOptions { DefaultRegion = defaultCountry });

        internal static PayloadBuildResult Build(ContactInput input, ContactReadOptions options)
        {
            string defaultCountry = options.DefaultRegion;
            var result = new PayloadBuildResult();
            FindDamagedText(input, result);
            var p = new ContactPayload();
            result.Payload = p;

            string region = defaultCountry;
            foreach (var field in ContactFieldTable.All)
            {
                object value = Read(field, input, result, region, options);
                if (value == null) continue;
                field.Assign?.Invoke(p, value);
                if (field.Kind == ContactFieldKind.Country) region = (string)value;
            }
            if (options.CustomFieldSchema != null && options.CustomFieldSchema.Count > 0 && p.CustomFields != null)
                ConvertCustomFields(input, p, result, options.CustomFieldSchema, region, options.DateFormats);
            if (options.RequireIdentity) CheckIdentity(input, result);
            return result;
        }

        /// <summary>
        /// Each custom field value checked against the location's field (by id, or by key with or without "contact.") and
        /// converted by its dataType; keys are sent as the schema spells them. A field the location lacks is a row error.
        /// </summary>
        private static void ConvertCustomFields(ContactInput input, ContactPayload payload, PayloadBuildResult result,
            IReadOnlyList<ContactsModule.Models.ContactCustomField> schema, string region, string[] dateFormats)
        {
            foreach (var item in payload.CustomFields)
            {
                string column = null;
                if (item.Key != null) input.CustomFieldColumns.TryGetValue(item.Key, out column);
                column = column ?? input.ColumnOf("customFields") ?? "CustomFields";
                ContactsModule.Models.ContactCustomField field = null;
                foreach (var candidate in schema)
                {
                    bool match = item.Id != null
                        ? string.Equals(candidate.Id, item.Id, StringComparison.Ordinal)
                        : string.Equals(candidate.ShortKey, ContactsModule.Models.ContactCustomField.StripModel(item.Key), StringComparison.OrdinalIgnoreCase);
                    if (match) { field = candidate; break; }
                }
                if (field == null)
                {
                    result.Errors.Add(new FieldError(column, Show(item.Value),
                        "is for the custom field " + (item.Id != null ? "id " + item.Id : "key " + item.Key) +
                        ", which this location does not have. Get-ContactCustomField lists its fields; nothing was sent for this row."));
                    continue;
                }
                if (!CustomFieldValueText.TryConvert(field, item.Value, region, dateFormats, out var converted, out var reason))
                {
                    result.Errors.Add(new FieldError(column, Show(item.Value), "(custom field " + field.Name + ", " + field.DataType + ") " + reason));
                    continue;
                }
                item.Value = converted;
                if (item.Id == null) item.Key = field.Key;
            }
        }

        /// <summary>The field's converted value (null: not given, or an error was added); the combining kinds assign it themselves.</summary>
        private static object Read(ContactField field, ContactInput input, PayloadBuildResult result, string region, ContactReadOptions options)
        {
            string name = field.ApiName;
            switch (field.Kind)
            {
                case ContactFieldKind.Text:
                    return Text(input, name, result);
                case ContactFieldKind.Country:
                    return Convert(input, name, result, (string text, out string value, out string reason) => CountryCodes.TryResolve(text, out value, out reason));
                case ContactFieldKind.Email:
                    return Convert(input, name, result, EmailAddressText.TryNormalize);
                case ContactFieldKind.Website:
                    return Convert(input, name, result, WebsiteText.TryNormalize);
                case ContactFieldKind.TimeZone:
                    return Convert(input, name, result, TimeZoneNames.TryResolve);
                case ContactFieldKind.Phone:
                    return Convert(input, name, result, (string text, out string value, out string reason) =>
                        PhoneNumberNormalizer.TryNormalize(text, region, out value, out reason));
                case ContactFieldKind.Date:
                    return ReadDate(input, name, result, region, options);
                case ContactFieldKind.YesNo:
                    object flag = input.Get(name);
                    if (IsBlank(flag) || IsDamaged(input, name, result)) return null;
                    if (BooleanText.TryParse(flag, out bool parsed)) return parsed;
                    result.Errors.Add(new FieldError(input.ColumnOf(name), Show(flag), "is not a yes/no value. Use true or false (yes/no, y/n and 1/0 work too)."));
                    return null;
                case ContactFieldKind.Tags:
                    object tags = input.Get(name);
                    if (IsBlank(tags) || IsDamaged(input, name, result)) return null;
                    if (!TagList.TryParse(tags, out var list, out var why))
                    {
                        result.Errors.Add(new FieldError(input.ColumnOf(name), Show(tags), why));
                        return null;
                    }
                    return list.Length > 0 ? list : null;
                case ContactFieldKind.CustomFields:
                    BuildCustomFields(input, result);
                    return null;
                case ContactFieldKind.DndSettings:
                    BuildDndSettings(input, result);
                    return null;
                case ContactFieldKind.InboundDndSettings:
                    BuildInboundDnd(input, result);
                    return null;
                default:
                    throw new InvalidOperationException("No conversion for " + field.Kind + ".");
            }
        }

        private static string ReadDate(ContactInput input, string name, PayloadBuildResult result, string region, ContactReadOptions options)
        {
            object given = input.Get(name);
            if (IsBlank(given) || IsDamaged(input, name, result)) return null;
            string column = input.ColumnOf(name);
            if (DateOfBirthText.TryParse(given, region, options.DateFormats, DateOfBirthText.Today, out var canonical, out var reason, out var note, out var noteText))
            {
                if (note != null) result.DateNotes.Add(new DateNote(note.Value, column, Show(given), noteText));
                return canonical;
            }
            result.Errors.Add(new FieldError(column, Show(given), reason));
            return null;
        }

        private static readonly string[] IdentityFields = { "firstName", "lastName", "name", "email", "phone" };

        /// <summary>A contact with no name, e-mail or phone is nothing anyone can find again: refused before it is sent.</summary>
        private static void CheckIdentity(ContactInput input, PayloadBuildResult result)
        {
            foreach (var field in IdentityFields)
                if (!IsBlank(input.Get(field))) return;
            result.Errors.Add(new FieldError(null, null, "no name, email or phone; a contact needs at least one."));
        }

        /// <summary>Every text value the row gives (fields, custom fields, DND columns) checked for a wrong encoding.</summary>
        private static void FindDamagedText(ContactInput input, PayloadBuildResult result)
        {
            foreach (var pair in input.CustomFieldsByKey)
            {
                if (!(pair.Value is string text)) continue;
                string reason = TextDamage.Find(text);
                if (reason == null) continue;
                input.CustomFieldColumns.TryGetValue(pair.Key, out var column);
                result.Errors.Add(new FieldError(column ?? pair.Key, Show(text), reason));
            }
            foreach (var pair in input.DndChannelColumns)
            {
                if (!(pair.Value.Value is string text)) continue;
                string reason = TextDamage.Find(text);
                if (reason != null) result.Errors.Add(new FieldError(pair.Value.Key, Show(text), reason));
            }
        }

        /// <summary>True (with the error added) when the field's text looks wrongly decoded.</summary>
        private static bool IsDamaged(ContactInput input, string field, PayloadBuildResult result)
        {
            if (!(input.Get(field) is string text)) return false;
            string reason = TextDamage.Find(text);
            if (reason == null) return false;
            result.Errors.Add(new FieldError(input.ColumnOf(field), Show(text), reason));
            return true;
        }

        private delegate bool TryConvert(string text, out string value, out string reason);

        private static string Text(ContactInput input, string field, PayloadBuildResult result)
        {
            string text = CellText.Clean(input.Get(field));
            if (text == null) return null;
            string reason = TextDamage.Find(text);
            if (reason == null) return text;
            result.Errors.Add(new FieldError(input.ColumnOf(field), text, reason));
            return null;
        }

        private static bool IsBlank(object value) => value == null || (value is string || value is DBNull) && CellText.Clean(value) == null;

        private static string Show(object value) => CellText.Clean(value) ?? string.Empty;

        private static string Convert(ContactInput input, string field, PayloadBuildResult result, TryConvert convert)
        {
            string text = Text(input, field, result);
            if (text == null) return null;
            if (convert(text, out var value, out var reason)) return value;
            result.Errors.Add(new FieldError(input.ColumnOf(field), text, reason));
            return null;
        }

        private static void BuildCustomFields(ContactInput input, PayloadBuildResult result)
        {
            var fields = new List<CustomFieldInput>();
            object given = input.Get("customFields");
            string column = input.ColumnOf("customFields");
            if (!IsBlank(given))
            {
                switch (given)
                {
                    case string text:
                        var map = ContactJson.TryReadCustomFieldMap(text);
                        if (map == null)
                        {
                            result.Errors.Add(new FieldError(column, text, "is not a list of custom field values. Pass a hashtable of field key to value, or the {\"fieldId\": value} text Export-Csv writes."));
                            return;
                        }
                        foreach (var pair in map) AddField(fields, result, column, pair.Value, id: pair.Key);
                        break;
                    case IDictionary dict:
                        foreach (DictionaryEntry entry in dict)
                            AddField(fields, result, column, entry.Value, key: CellText.Clean(entry.Key) ?? string.Empty);
                        break;
                    case IEnumerable items:
                        foreach (var item in items)
                        {
                            if (item is CustomFieldValue value) AddField(fields, result, column, value.Value, id: value.Id);
                            else if (item is IDictionary entry) AddFieldFromEntry(fields, result, column, entry);
                            else result.Errors.Add(new FieldError(column, Show(item), "is not a custom field value. Use @{ id = '...'; value = '...' } or @{ key = '...'; value = '...' }."));
                        }
                        break;
                    default:
                        result.Errors.Add(new FieldError(column, Show(given), "is not a list of custom field values. Pass a hashtable of field key to value."));
                        break;
                }
            }
            foreach (var pair in input.CustomFieldsByKey)
            {
                if (IsBlank(pair.Value)) continue;
                input.CustomFieldColumns.TryGetValue(pair.Key, out var fieldColumn);
                AddField(fields, result, fieldColumn ?? pair.Key, pair.Value, key: pair.Key);
            }
            if (fields.Count > 0) result.Payload.CustomFields = fields;
        }

        private static void AddFieldFromEntry(List<CustomFieldInput> fields, PayloadBuildResult result, string column, IDictionary entry)
        {
            string id = CellText.Clean(Lookup(entry, "id"));
            string key = CellText.Clean(Lookup(entry, "key"));
            object value = Lookup(entry, "value") ?? Lookup(entry, "field_value");
            if (id == null && key == null)
            {
                result.Errors.Add(new FieldError(column, "@{...}", "has neither an id nor a key. Name the custom field with id or key."));
                return;
            }
            AddField(fields, result, column, value, id: id, key: key);
        }

        private static void AddField(List<CustomFieldInput> fields, PayloadBuildResult result, string column, object value, string id = null, string key = null)
        {
            if (IsBlank(value)) return;
            id = CellText.Clean(id);
            key = CellText.Clean(key);
            if (id == null && key == null)
            {
                result.Errors.Add(new FieldError(column, Show(value), "has an empty custom field key. Name every custom field with its key or id."));
                return;
            }
            object converted;
            switch (value)
            {
                case null:
                    return;
                case double d when double.IsNaN(d) || double.IsInfinity(d):
                case float f when float.IsNaN(f) || float.IsInfinity(f):
                    result.Errors.Add(new FieldError(column, Show(value), "is not a number JSON can carry. Use a finite number."));
                    return;
                case IDictionary _:
                    result.Errors.Add(new FieldError(column, Show(value), "is not a custom field value: use text, a number or a list of text."));
                    return;
                case string s:
                    converted = CellText.Clean(s);
                    if (converted == null) return;
                    break;
                case int _: case long _: case double _: case decimal _: case float _: case short _: case byte _:
                    converted = value;
                    break;
                case bool b:
                    converted = b ? "true" : "false";
                    break;
                case DateTime date:
                    converted = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case IEnumerable items:
                    var list = new List<string>();
                    foreach (var item in items)
                    {
                        string text = CellText.Clean(item);
                        if (text != null) list.Add(text);
                    }
                    converted = list.ToArray();
                    break;
                default:
                    result.Errors.Add(new FieldError(column, Show(value), "is not a custom field value: use text, a number or a list of text."));
                    return;
            }
            fields.Add(new CustomFieldInput { Id = id, Key = id == null ? key : null, Value = converted });
        }

        private static void BuildDndSettings(ContactInput input, PayloadBuildResult result)
        {
            DndSettings settings = null;
            object given = input.Get("dndSettings");
            string column = input.ColumnOf("dndSettings");
            if (!IsBlank(given))
            {
                settings = new DndSettings();
                switch (given)
                {
                    case DndSettings existing:
                        foreach (var channel in existing.Channels()) settings.Set(channel.Key, channel.Value);
                        break;
                    case IDictionary dict:
                        foreach (DictionaryEntry entry in dict)
                            AddChannel(settings, result, column, System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value);
                        break;
                    case string text:
                        foreach (var part in text.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
                        {
                            int eq = part.IndexOf('=');
                            if (eq <= 0)
                            {
                                result.Errors.Add(new FieldError(column, text, "is not a list of channel=status pairs, e.g. 'SMS=inactive;Email=active'."));
                                return;
                            }
                            AddChannel(settings, result, column, part.Substring(0, eq), part.Substring(eq + 1));
                        }
                        break;
                    default:
                        result.Errors.Add(new FieldError(column, Show(given), "is not DND settings. Pass a hashtable such as @{ SMS = 'inactive'; Email = 'active' }."));
                        return;
                }
            }
            foreach (var pair in input.DndChannelColumns)
            {
                if (IsBlank(pair.Value.Value)) continue;
                if (settings == null) settings = new DndSettings();
                AddChannel(settings, result, pair.Value.Key, pair.Key, pair.Value.Value);
            }
            if (settings != null && settings.Channels().GetEnumerator().MoveNext()) result.Payload.DndSettings = settings;
        }

        private static void AddChannel(DndSettings settings, PayloadBuildResult result, string column, string channelName, object value)
        {
            string channel = DndSettings.NormalizeChannel(channelName);
            if (channel == null)
            {
                result.Errors.Add(new FieldError(column, channelName.Trim(), "is not a DND channel. Use Call, Email, SMS, WhatsApp, GMB or FB."));
                return;
            }
            var setting = ReadChannel(result, column, channel, value, allowPermanent: true);
            if (setting != null) settings.Set(channel, setting);
        }

        private static DndChannelSetting ReadChannel(PayloadBuildResult result, string column, string channel, object value, bool allowPermanent)
        {
            object status = value;
            string message = null, code = null;
            if (value is DndChannelSetting typed)
            {
                status = typed.Status;
                message = typed.Message;
                code = typed.Code;
            }
            else if (value is IDictionary dict)
            {
                status = Lookup(dict, "status");
                message = CellText.Clean(Lookup(dict, "message"));
                code = CellText.Clean(Lookup(dict, "code"));
            }
            if (IsBlank(status))
            {
                result.Errors.Add(new FieldError(column, channel, "has no status. Use active, inactive" + (allowPermanent ? " or permanent." : ".")));
                return null;
            }
            if (!DndStatusText.TryParse(status, out var parsed, out var reason))
            {
                result.Errors.Add(new FieldError(column, Show(status), reason));
                return null;
            }
            if (!allowPermanent && code != null)
            {
                result.Errors.Add(new FieldError(column, code, "is a code, which inbound DND settings do not take. Give only a status and a message."));
                return null;
            }
            if (!allowPermanent && parsed == DndStatusText.Permanent)
            {
                result.Errors.Add(new FieldError(column, Show(status), "is not allowed for inbound DND. Use active or inactive."));
                return null;
            }
            return new DndChannelSetting { Status = parsed, Message = message, Code = code };
        }

        private static void BuildInboundDnd(ContactInput input, PayloadBuildResult result)
        {
            object given = input.Get("inboundDndSettings");
            if (IsBlank(given)) return;
            string column = input.ColumnOf("inboundDndSettings");
            object all = given;
            if (given is InboundDndSettings typed) all = typed.All;
            else if (given is IDictionary dict && Lookup(dict, "all") != null) all = Lookup(dict, "all");
            var setting = ReadChannel(result, column, "all", all, allowPermanent: false);
            if (setting != null) result.Payload.InboundDndSettings = new InboundDndSettings { All = setting };
        }

        private static object Lookup(IDictionary dict, string key)
        {
            foreach (DictionaryEntry entry in dict)
            {
                if (string.Equals(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture), key, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            }
            return null;
        }
    }
}
