using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using ContactsModule.Conversion;
using ContactsModule.Input;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Updates HighLevel contacts: only the fields given are changed.</para>
    /// <para type="description">PUT /contacts/{id} with a body made of the parameters given and not blank, so a sparse CSV
    /// (Import-Csv fix.csv | Set-Contact) changes only the cells it fills. -Tags REPLACES all of the contact's tags;
    /// -AddTag and -RemoveTag change single tags (POST / DELETE /contacts/{id}/tags) and leave the others alone.
    /// When a Contact object is piped in (Get-Contact ... | Set-Contact -City Paris), only the parameters typed on the
    /// command line are sent: the contact's own properties are not sent back. HighLevel's update cannot change
    /// LocationId, Gender or CompanyName; Set-Contact never sends them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Contact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Contact))]
    public sealed class SetContactCommand : ContactsApiCmdlet
    {
        internal override OutputFieldNames OutputCustomFieldNames => OutputFieldNames.FromCache;

        /// <summary>
        /// The contact to update. A Contact, or a row with an Id, ContactId or "Contact Id" column (a hashtable's key, or a
        /// header such as "contact_id", is read as the other columns are), gives it; a row without one is an error.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ContactId", "Contact Id")]
        [AllowEmptyString]
        public string Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("First Name", "First_Name", "Given Name", "GivenName", "First")]
        public string FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Last Name", "Last_Name", "Surname", "Family Name", "FamilyName", "Last")]
        public string LastName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Full Name", "FullName", "Full_Name", "Contact Name", "ContactName")]
        public string Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("E-mail", "Email Address", "EmailAddress", "Email_Address", "E-mail Address", "Mail")]
        public string Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Phone Number", "PhoneNumber", "Phone_Number", "Mobile", "Mobile Phone", "MobilePhone", "Mobile Number", "Cell", "Cell Phone", "Telephone")]
        public string Phone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Address", "Street", "Street Address", "Address Line 1", "AddressLine1", "Address_Line_1", "Address 1")]
        public string Address1 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Town")]
        public string City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Province", "Region", "State/Province", "County")]
        public string State { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Zip", "Zip Code", "ZipCode", "Zip_Code", "Postal Code", "Postal_Code", "Postcode", "Post Code")]
        public string PostalCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("URL", "Web Site", "Web", "Homepage")]
        public string Website { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Time Zone", "Time_Zone", "TZ")]
        [ArgumentCompleter(typeof(ContactsModule.Completion.TimeZoneCompleter))]
        public string Timezone { get; set; }

        /// <summary>true/false, yes/no, y/n or 1/0.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Do Not Disturb", "DoNotDisturb")]
        public object Dnd { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DND Settings", "Dnd_Settings")]
        public object DndSettings { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Inbound DND Settings", "InboundDnd")]
        public object InboundDndSettings { get; set; }

        /// <summary>REPLACES all of the contact's tags with these. To add or remove single tags use -AddTag / -RemoveTag.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Labels")]
        public object Tags { get; set; }

        /// <summary>Tags to add, keeping the others (POST /contacts/{id}/tags).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] AddTag { get; set; }

        /// <summary>Tags to remove, keeping the others (DELETE /contacts/{id}/tags).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] RemoveTag { get; set; }

        /// <summary>Custom field values: a hashtable of key (or id) to value; merged with the contact's other custom fields.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Custom Fields", "CustomField")]
        public object CustomFields { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Lead Source", "LeadSource")]
        public string Source { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Country Code", "CountryCode")]
        [ArgumentCompleter(typeof(ContactsModule.Completion.CountryCompleter))]
        public string Country { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Assigned To", "Assigned_To", "Assigned User", "Owner")]
        public string AssignedTo { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Date of Birth", "Date_of_Birth", "DOB", "Birthday", "Birth Date", "BirthDate")]
        public object DateOfBirth { get; set; }

        /// <summary>
        /// Agency (Company) connections: the location of the contacts, for every row (default: each row's LocationId column,
        /// or a piped Contact's location). It routes the row; the update cannot move a contact to another location. On a
        /// connection to one location giving it is an error (a row's LocationId column is not sent).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LocationId { get; set; }

        /// <summary>Not changeable by HighLevel's update: giving it is an error. (Hidden; a row's Gender column is not sent.)</summary>
        [Parameter(DontShow = true)]
        public string Gender { get; set; }

        /// <summary>Not changeable by HighLevel's update: giving it is an error. (Hidden; a row's CompanyName column is not sent.)</summary>
        [Parameter(DontShow = true)]
        public string CompanyName { get; set; }

        /// <summary>The whole input row; its extra columns (customField.*, DND SMS...) are read from it.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>Country for phone numbers without a country code when the row has no Country.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContactsModule.Completion.CountryCompleter))]
        public string DefaultCountry { get; set; }

        /// <summary>Maps other column headers to custom field keys: @{ 'Favourite colour' = 'favorite_color' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable CustomFieldColumn { get; set; }

        /// <summary>Columns to leave unread and out of the "Columns not used" warning.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] IgnoreColumn { get; set; }

        /// <summary>How year-last dates are written ('dd/MM/yyyy', 'M/d/yyyy'); ISO dates are always read.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] DateFormat { get; set; }

        /// <summary>Writes each updated contact (as the API answered, tags included).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Contacts updated at once (on an agency connection: in each location).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>Agency connections: how many locations are worked at once (each with up to -ThrottleLimit requests in flight).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int LocationThrottleLimit { get; set; } = 8;

        /// <summary>
        /// Writes a CSV run report: one line per input row (Row, Outcome, ContactId, ChangedFields, ErrorId, Message, TraceId) as each
        /// row's outcome is written, flushed line by line. Not written under -WhatIf.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ReportPath { get; set; }

        /// <summary>
        /// Finds each row's contact by its Email or Phone (one POST /contacts/search per row) instead of an Id column. A row
        /// with an Id is updated by its Id. No match, or several, is a row error; the matched value itself is not sent.
        /// </summary>
        [Parameter]
        [ValidateSet("Email", "Phone")]
        public string MatchOn { get; set; }

        private HashSet<string> _commandLine;
        private ContactRowReader _reader;
        private string[] _addTags;
        private string[] _removeTags;
        private RowRunner _rows;
        private bool _warnedNotUpdatable;

        protected override void BeginProcessing()
        {
            // Before the first pipeline object only the command-line parameters are bound.
            _commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            // An agency connection's -LocationId says where the rows go; it is never sent.
            bool agency = ActiveConnection.IsAgency;
            var refused = new List<string>();
            foreach (var field in ContactFieldTable.All)
            {
                if (agency && field.ParameterName == nameof(LocationId)) continue;
                if (!field.Updatable && _commandLine.Contains(field.ParameterName)) refused.Add(field.ParameterName);
            }
            if (refused.Count > 0) ThrowTerminatingError(ContactErrors.NotUpdatable(refused, null));

            _reader = ContactRowReader.Create(this, DefaultCountry, CustomFieldColumn, IgnoreColumn, DateFormat, forUpdate: true, "Id", "ContactId", "Contact Id");
            _reader.UseCustomFieldSchema(() => ReadCustomFieldSchema(null));
            _addTags = AddTag == null ? null : TagList.Parse(AddTag);
            _removeTags = RemoveTag == null ? null : TagList.Parse(RemoveTag);
            if (_addTags != null && _addTags.Length == 0) _addTags = null;
            if (_removeTags != null && _removeTags.Length == 0) _removeTags = null;
            _reader.RoutesByLocation = agency;
            _rows = new RowRunner(this, "Set-Contact", ThrottleLimit,
                "To update the rest, run the whole input again with Set-Contact: rows already updated are sent again with the same values.",
                agency ? new Execution.LocationThrottle(ThrottleLimit, LocationThrottleLimit) : null, ReportPath) { Summary = new ContactRunSummary("Set-Contact") };
        }

        protected override void ProcessRecord() => _rows.Guard(ProcessRow);

        protected override void EndProcessing() => _rows.Guard(_rows.Finish);

        private void ProcessRow()
        {
            string id = CellText.Clean(Id) ?? _reader.IdentityOf(InputObject);
            var row = _rows.NextRow((object)InputObject ?? ContactRowReader.BoundParameters(MyInvocation), (number, piped) => RowLabel.For(piped, number, id ?? "without id"));
            row.ContactId = id;
            var read = _reader.ReadSendable(InputObject, row, _rows, "Set-Contact");
            if (read == null) return;
            if (id == null && MatchOn == null)
            {
                _rows.Enqueue(row, RowResult.Failed(ContactErrors.MissingId(row.Label, row.Target)));
                return;
            }

            WarnAboutNotUpdatableColumns(read.NotUpdatableColumns);
            var built = ContactPayloadBuilder.Build(read.Input, _reader.ReadOptions);
            if (!built.IsValid)
            {
                _rows.Enqueue(row, RowResult.Failed(ContactErrors.Validation(row.Label, built.Errors, row.Target)));
                return;
            }
            _reader.WarnAboutDates(built, row.Label);
            var payload = built.Payload;
            // The update refuses these ("property ... should not exist"); they are never read, and never sent.
            payload.LocationId = null;
            payload.Gender = null;
            payload.CompanyName = null;
            // -MatchOn without an Id: the row's email or phone (as the module sends it) finds the contact; it is the key, not a change.
            string matchValue = null;
            if (id == null)
            {
                bool byEmail = MatchOn == "Email";
                matchValue = byEmail ? payload.Email : payload.Phone;
                if (string.IsNullOrEmpty(matchValue))
                {
                    _rows.Enqueue(row, RowResult.Failed(ContactErrors.NotMatched(row.Label, MatchOn, null, row.Target)));
                    return;
                }
                if (byEmail) payload.Email = null;
                else payload.Phone = null;
            }
            string body = ContactJson.WritePayload(payload);
            bool update = body != "{}";

            string path = "/contacts/" + (id != null ? Uri.EscapeDataString(id) : "{id of the contact matched by " + MatchOn.ToLowerInvariant() + " " + matchValue + "}");
            var calls = new List<string>();
            if (update) calls.Add("PUT " + path + " " + body);
            if (_addTags != null) calls.Add("POST " + path + "/tags " + ContactJson.WriteTagsBody(_addTags));
            if (_removeTags != null) calls.Add("DELETE " + path + "/tags " + ContactJson.WriteTagsBody(_removeTags));
            if (calls.Count == 0)
            {
                _rows.Enqueue(row, new RowResult { Skipped = true, Warning = "nothing to change (no field was given, or every value given was blank); nothing was sent." });
                return;
            }
            // An agency run: -LocationId, else the row's own, else the connection's default location.
            string location = ActiveConnection.IsAgency ? CellText.Clean(LocationId) ?? read.LocationId ?? ActiveConnection.LocationId : null;
            string target = location == null ? row.Label : row.Label + " (location " + location + ")";
            if (!ShouldProcess(target, string.Join("; then ", calls))) return;
            var changed = ChangedFields(update ? body : null);
            if (id == null)
            {
                string field = MatchOn.ToLowerInvariant(), value = matchValue;
                _rows.Enqueue(row, location, async ct =>
                {
                    var matched = await MatchAsync(location, field, value, ct).ConfigureAwait(false);
                    if (matched.Count == 0) return RowResult.Failed(ContactErrors.NotMatched(row.Label, MatchOn, value, row.Target));
                    if (matched.Count > 1) return RowResult.Failed(ContactErrors.MatchAmbiguous(row.Label, MatchOn, value, matched, row.Target));
                    row.ContactId = matched[0];
                    return await UpdateAsync(row, location, matched[0], update ? payload : null, changed, ct).ConfigureAwait(false);
                });
                return;
            }
            _rows.Enqueue(row, location, ct => UpdateAsync(row, location, id, update ? payload : null, changed, ct));
        }

        /// <summary>The ids of the contacts whose email (ignoring case) or phone (E.164) is <paramref name="value"/>: one POST /contacts/search.</summary>
        private async Task<List<string>> MatchAsync(string location, string field, string value, CancellationToken cancellationToken)
        {
            var api = ApiFor(location);
            var search = new SearchRequest { LocationId = location ?? ActiveConnection.LocationId, PageLimit = 10 };
            search.Filters.Add(new SearchFilter(field, "eq", field == "email" ? value.ToLowerInvariant() : value));
            var page = await api.SearchAsync(search, Trace, cancellationToken).ConfigureAwait(false);
            var ids = new List<string>();
            foreach (var contact in page.Contacts)
            {
                string actual = field == "email" ? contact.Email : contact.Phone;
                bool same = field == "email" ? string.Equals(actual?.Trim(), value, StringComparison.OrdinalIgnoreCase) : string.Equals(actual?.Trim(), value, StringComparison.Ordinal);
                if (same && !ids.Contains(contact.Id)) ids.Add(contact.Id);
            }
            return ids;
        }

        /// <summary>PUT, then the tag calls; with -PassThru the contact as it is afterwards.</summary>
        private async Task<RowResult> UpdateAsync(PipelineRow row, string location, string id, ContactPayload payload, string[] changed, CancellationToken cancellationToken)
        {
            var api = ApiFor(location);
            Contact contact = null;
            string[] tags = null;
            if (payload != null)
            {
                contact = await api.UpdateAsync(id, payload, Trace, cancellationToken).ConfigureAwait(false);
                row.FailureLabel = row.Label + " (the fields were updated, but adding or removing tags failed)";
            }
            if (_addTags != null) tags = await api.AddTagsAsync(id, _addTags, Trace, cancellationToken).ConfigureAwait(false);
            if (_removeTags != null) tags = await api.RemoveTagsAsync(id, _removeTags, Trace, cancellationToken).ConfigureAwait(false);
            if (!PassThru) return new RowResult { Outcome = ContactOutcome.Updated, ContactId = id, ChangedFields = changed };
            if (contact == null) contact = await api.GetAsync(id, Trace, cancellationToken).ConfigureAwait(false);
            else if (tags != null) contact.Tags = new ContactTags(tags);
            contact.Outcome = ContactOutcome.Updated;
            return new RowResult { Output = contact, ChangedFields = changed };
        }

        /// <summary>The run report's ChangedFields: the fields of the PUT body as the API names them, and tags when -AddTag or -RemoveTag changes them.</summary>
        private string[] ChangedFields(string body)
        {
            var names = new List<string>();
            if (body != null)
            {
                using (var document = System.Text.Json.JsonDocument.Parse(body))
                {
                    foreach (var property in document.RootElement.EnumerateObject()) names.Add(property.Name);
                }
            }
            if ((_addTags != null || _removeTags != null) && !names.Contains("tags")) names.Add("tags");
            return names.ToArray();
        }

        /// <summary>A row with a filled Gender or CompanyName column: say once that those are not sent.</summary>
        private void WarnAboutNotUpdatableColumns(List<string> found)
        {
            if (_warnedNotUpdatable || found.Count == 0) return;
            _warnedNotUpdatable = true;
            WriteWarning("Set-Contact does not send the column(s) " + string.Join(", ", found) +
                         ": HighLevel's update call cannot change gender or companyName (nor locationId). The other columns are updated. " +
                         "To change them use New-Contact -OnDuplicate Update or HighLevel itself. (Said once per run.)");
        }
    }
}
