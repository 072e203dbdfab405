using System;
using System.Collections.Generic;
using K = ContactsModule.Input.ContactFieldKind;

namespace ContactsModule.Input
{
    /// <summary>
    /// The contact fields, in one place: API name, parameter, column headers, conversion, updatable. The column
    /// mapping, the row reader and the unused-column report all read this table, and a test checks that the
    /// parameters of New-Contact and Set-Contact (names and [Alias]es) agree with it.
    /// </summary>
    /// <remarks>
    /// Aliases cover the standard contact export headers of HighLevel itself, HubSpot, Salesforce (contacts and
    /// leads), Zoho CRM, Pipedrive, Mailchimp, Google Contacts and Outlook. When a file has several columns for one
    /// field (Phone and Mobile, Home Street and Business Street) the first filled one, left to right, is used.
    /// </remarks>
    internal static class ContactFieldTable
    {
        // In the order values are converted (and their errors listed): plain text, then the country (which decides how
        // phones and dates of the row are read), then the converted fields.
        public static readonly IReadOnlyList<ContactField> All = new[]
        {
            new ContactField("firstName", "FirstName", K.Text, true, (p, v) => p.FirstName = (string)v,
                "First Name", "First_Name", "Given Name", "GivenName", "First", "Person - First name"),
            new ContactField("lastName", "LastName", K.Text, true, (p, v) => p.LastName = (string)v,
                "Last Name", "Last_Name", "Surname", "Family Name", "FamilyName", "Last", "Person - Last name"),
            new ContactField("name", "Name", K.Text, true, (p, v) => p.Name = (string)v,
                "Full Name", "FullName", "Full_Name", "Contact Name", "ContactName", "Person - Name"),
            new ContactField("gender", "Gender", K.Text, false, (p, v) => p.Gender = (string)v,
                "Sex"),
            new ContactField("address1", "Address1", K.Text, true, (p, v) => p.Address1 = (string)v,
                "Address", "Street", "Street Address", "Address Line 1", "AddressLine1", "Address_Line_1", "Address 1",
                "Mailing Street", "Address 1 - Street", "Home Street", "Business Street"),
            new ContactField("city", "City", K.Text, true, (p, v) => p.City = (string)v,
                "Town", "Mailing City", "Address 1 - City", "Home City", "Business City"),
            new ContactField("state", "State", K.Text, true, (p, v) => p.State = (string)v,
                "Province", "Region", "State/Province", "County", "State/Region", "Mailing State/Province", "Mailing State",
                "Address 1 - Region", "Home State", "Business State"),
            new ContactField("postalCode", "PostalCode", K.Text, true, (p, v) => p.PostalCode = (string)v,
                "Zip", "Zip Code", "ZipCode", "Zip_Code", "Postal Code", "Postal_Code", "Postcode", "Post Code",
                "Zip/Postal Code", "Mailing Zip/Postal Code", "Mailing Zip", "Mailing Zip Code", "Mailing Postal Code",
                "Address 1 - Postal Code", "Home Postal Code", "Business Postal Code"),
            new ContactField("source", "Source", K.Text, true, (p, v) => p.Source = (string)v,
                "Lead Source", "LeadSource", "Original Source", "Contact Source"),
            new ContactField("companyName", "CompanyName", K.Text, false, (p, v) => p.CompanyName = (string)v,
                "Company", "Company Name", "Company_Name", "Organization", "Organisation", "Business Name", "BusinessName",
                "Account Name", "Organization Name", "Organization 1 - Name", "Person - Organization"),
            new ContactField("assignedTo", "AssignedTo", K.Text, true, (p, v) => p.AssignedTo = (string)v,
                "Assigned To", "Assigned_To", "Assigned User", "Owner"),
            new ContactField("locationId", "LocationId", K.Text, false, (p, v) => p.LocationId = (string)v,
                "Location Id", "Location_Id"),
            new ContactField("country", "Country", K.Country, true, (p, v) => p.Country = (string)v,
                "Country Code", "CountryCode", "Country/Region", "Mailing Country", "Address 1 - Country",
                "Home Country/Region", "Business Country/Region", "CC"),
            new ContactField("email", "Email", K.Email, true, (p, v) => p.Email = (string)v,
                "E-mail", "Email Address", "EmailAddress", "Email_Address", "E-mail Address", "Mail", "Primary Email",
                "Work Email", "E-mail 1 - Value", "Person - Email", "Person - Email - Work", "Person - Email - Home",
                "Person - Email - Other"),
            new ContactField("website", "Website", K.Website, true, (p, v) => p.Website = (string)v,
                "URL", "Web Site", "Web", "Homepage", "Website URL", "Web Page", "Website 1 - Value"),
            new ContactField("timezone", "Timezone", K.TimeZone, true, (p, v) => p.Timezone = (string)v,
                "Time Zone", "Time_Zone", "TZ"),
            new ContactField("phone", "Phone", K.Phone, true, (p, v) => p.Phone = (string)v,
                "Phone Number", "PhoneNumber", "Phone_Number", "Mobile", "Mobile Phone", "MobilePhone", "Mobile Number",
                "Cell", "Cell Phone", "Telephone", "Mobile Phone Number", "Primary Phone", "Home Phone", "Business Phone",
                "Work Phone", "Phone 1 - Value", "Person - Phone", "Person - Phone - Work", "Person - Phone - Mobile",
                "Person - Phone - Home", "Person - Phone - Other"),
            new ContactField("dateOfBirth", "DateOfBirth", K.Date, true, (p, v) => p.DateOfBirth = (string)v,
                "Date of Birth", "Date_of_Birth", "DOB", "Birthday", "Birth Date", "BirthDate"),
            new ContactField("dnd", "Dnd", K.YesNo, true, (p, v) => p.Dnd = (bool)v,
                "Do Not Disturb", "DoNotDisturb"),
            new ContactField("tags", "Tags", K.Tags, true, (p, v) => p.Tags = (string[])v,
                "Tag", "Labels", "Categories", "Group Membership", "Person - Label"),
            new ContactField("customFields", "CustomFields", K.CustomFields, true, null,
                "Custom Fields", "CustomField"),
            new ContactField("dndSettings", "DndSettings", K.DndSettings, true, null,
                "DND Settings", "Dnd_Settings"),
            new ContactField("inboundDndSettings", "InboundDndSettings", K.InboundDndSettings, true, null,
                "Inbound DND Settings", "InboundDnd"),
        };

        /// <summary>
        /// The fields POST /contacts/search filters on, by API name (it answers "Invalid field x" for any other). Get-Contact
        /// -Filter keys are matched to these case-insensitively, or through the column headers of the fields above.
        /// </summary>
        public static readonly IReadOnlyList<string> SearchFields = new[]
        {
            "address", "address1", "assignedTo", "businessName", "city", "companyName", "contactName", "country", "dateAdded",
            "dateOfBirth", "dateUpdated", "dnd", "email", "emailLowerCase", "firstName", "firstNameLowerCase", "fullName",
            "fullNameLowerCase", "gender", "id", "lastName", "lastNameLowerCase", "name", "phone", "postalCode", "source",
            "state", "tags", "timezone", "type", "website",
        };

        private static readonly Dictionary<string, string> SearchFieldIndex = BuildSearchFieldIndex();

        // Per-channel opt-out columns of other CRMs, and HighLevel's own "DND <channel>" columns.
        private static readonly Dictionary<string, string> ChannelHeaders = BuildChannelHeaders();

        private static readonly Dictionary<string, ContactField> ByHeader = BuildHeaderIndex();
        private static readonly Dictionary<string, ContactField> ByApiName = BuildApiIndex();

        /// <summary>The field a column header means (compared as <see cref="HeaderName"/> does), or null.</summary>
        public static ContactField FindByHeader(string header) =>
            ByHeader.TryGetValue(HeaderName.Normalize(header), out var field) ? field : null;

        public static ContactField Field(string apiName) => ByApiName[apiName];

        /// <summary>
        /// The search field a -Filter key means: its API name in any case ("lastname"), else a column header of a field
        /// search can filter on ("Last Name", "Zip", "Company"); null when it means none.
        /// </summary>
        public static string FindSearchField(string key)
        {
            if (string.IsNullOrWhiteSpace(key)) return null;
            if (SearchFieldIndex.TryGetValue(key.Trim(), out var apiName)) return apiName;
            var field = FindByHeader(key);
            return field != null && SearchFieldIndex.TryGetValue(field.ApiName, out apiName) ? apiName : null;
        }

        /// <summary>
        /// "DND SMS", "Email Opt Out" (Salesforce, Zoho), "Do Not Call", "Unsubscribed" (Mailchimp, HubSpot): the
        /// dndSettings channel the column sets.
        /// </summary>
        public static bool TryDndChannel(string header, out string channel) =>
            ChannelHeaders.TryGetValue(HeaderName.Normalize(header), out channel);

        /// <summary>Every header the table knows with what it means, for the tests' collision check.</summary>
        internal static IEnumerable<KeyValuePair<string, string>> AllHeaders()
        {
            foreach (var field in All)
                foreach (var header in field.Headers) yield return new KeyValuePair<string, string>(header, field.ApiName);
            foreach (var pair in ChannelHeaders) yield return new KeyValuePair<string, string>(pair.Key, "dndSettings." + pair.Value);
        }

        private static Dictionary<string, ContactField> BuildHeaderIndex()
        {
            var index = new Dictionary<string, ContactField>(StringComparer.Ordinal);
            foreach (var field in All)
            {
                foreach (var header in field.Headers)
                {
                    string key = HeaderName.Normalize(header);
                    if (index.TryGetValue(key, out var other) && other != field)
                        throw new InvalidOperationException("Header '" + header + "' means both " + other.ApiName + " and " + field.ApiName + ".");
                    index[key] = field;
                }
            }
            return index;
        }

        private static Dictionary<string, ContactField> BuildApiIndex()
        {
            var index = new Dictionary<string, ContactField>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in All) index.Add(field.ApiName, field);
            return index;
        }

        private static Dictionary<string, string> BuildSearchFieldIndex()
        {
            var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in SearchFields) index.Add(name, name);
            return index;
        }

        private static Dictionary<string, string> BuildChannelHeaders()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            void Add(string channel, params string[] headers)
            {
                foreach (var header in headers) map[HeaderName.Normalize(header)] = channel;
            }
            Add("SMS", "DND SMS", "DND Text", "SMS Opt Out", "Do Not Text", "Do Not SMS");
            Add("Email", "DND Email", "Email Opt Out", "HasOptedOutOfEmail", "Do Not Email", "Unsubscribed",
                "Unsubscribed from all email", "Email Unsubscribed", "Opted out of email");
            Add("Call", "DND Call", "DND Phone", "Do Not Call", "DoNotCall");
            Add("WhatsApp", "DND WhatsApp");
            Add("GMB", "DND GMB");
            Add("FB", "DND FB", "DND Facebook");
            return map;
        }
    }
}
