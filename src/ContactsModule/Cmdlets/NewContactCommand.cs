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
    /// <para type="synopsis">Creates HighLevel contacts, one per input row.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "Contact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Contact))]
    public sealed class NewContactCommand : ContactsApiCmdlet
    {
        internal override OutputFieldNames OutputCustomFieldNames => OutputFieldNames.FromCache;

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
        [Alias("Location Id", "Location_Id")]
        public string LocationId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Sex")]
        public string Gender { get; set; }

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

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tag", "Labels")]
        public object Tags { get; set; }

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
        [Alias("Company", "Company Name", "Company_Name", "Organization", "Organisation", "Business Name", "BusinessName")]
        public string CompanyName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Assigned To", "Assigned_To", "Assigned User", "Owner")]
        public string AssignedTo { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Date of Birth", "Date_of_Birth", "DOB", "Birthday", "Birth Date", "BirthDate")]
        public object DateOfBirth { get; set; }

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

        /// <summary>What to do when the contact already exists: Error (default), Skip or Update (upsert).</summary>
        [Parameter]
        public DuplicateAction OnDuplicate { get; set; } = DuplicateAction.Error;

        /// <summary>Requests in flight at once.</summary>
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

        private RowRunner _rows;
        private ContactRowReader _reader;
        // -LocationId typed on the command line applies to every row: its 403 is a setup failure that stops the run.
        private bool _locationOnCommandLine;

        protected override void BeginProcessing()
        {
            _reader = ContactRowReader.Create(this, DefaultCountry, CustomFieldColumn, IgnoreColumn, DateFormat, forUpdate: false);
            _reader.UseCustomFieldSchema(() => ReadCustomFieldSchema(LocationId));
            _ = ActiveConnection;
            _locationOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(LocationId));
            _rows = new RowRunner(this, "New-Contact", ThrottleLimit, RowRunner.CreateAdvice("New-Contact -OnDuplicate Skip"),
                ActiveConnection.IsAgency ? new Execution.LocationThrottle(ThrottleLimit, LocationThrottleLimit) : null, ReportPath) { Summary = new ContactRunSummary("New-Contact") };
        }

        protected override void ProcessRecord() => _rows.Guard(ProcessRow);

        protected override void EndProcessing() => _rows.Guard(_rows.Finish);

        private void ProcessRow()
        {
            var row = _rows.NextRow((object)InputObject ?? ContactRowReader.BoundParameters(MyInvocation));
            var read = _reader.ReadSendable(InputObject, row, _rows, "New-Contact");
            if (read == null) return;
            var built = ContactPayloadBuilder.Build(read.Input, _reader.ReadOptions);
            if (!built.IsValid)
            {
                _rows.Enqueue(row, RowResult.Failed(ContactErrors.Validation(row.Label, built.Errors, row.Target)));
                return;
            }
            _reader.WarnAboutDates(built, row.Label);
            var payload = built.Payload;
            if (payload.LocationId == null) payload.LocationId = ActiveConnection.LocationId;
            string identity = payload.Email ?? payload.Phone ?? payload.Name ?? ((payload.FirstName + " " + payload.LastName).Trim());
            string path = OnDuplicate == DuplicateAction.Update ? "/contacts/upsert" : "/contacts/";
            string target = row.Label + (string.IsNullOrEmpty(identity) ? string.Empty : " (" + identity + ")");
            if (ShouldProcess(target, "POST " + path + " " + ContactJson.WritePayload(payload)))
            {
                var mode = OnDuplicate;
                // Rows sharing an email or phone may be one contact: the later one waits for the earlier one's outcome.
                _rows.Enqueue(row, payload.LocationId, new[] { IdentityKey("email:", payload.Email), IdentityKey("phone:", payload.Phone) }, ct => SendAsync(row, payload, mode, ct));
            }
        }

        private static string IdentityKey(string kind, string value) =>
            string.IsNullOrWhiteSpace(value) ? null : kind + value.Trim().ToLowerInvariant();

        private async Task<RowResult> SendAsync(PipelineRow row, ContactPayload payload, DuplicateAction mode, CancellationToken cancellationToken)
        {
            // An agency run: one location refusing (403, paused, its quota) fails that location's rows only (RowRunner).
            try
            {
                return await SendOrSkipAsync(payload, mode, cancellationToken).ConfigureAwait(false);
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Forbidden && !_locationOnCommandLine && !ActiveConnection.IsAgency &&
                                                  !string.Equals(payload.LocationId, ActiveConnection.LocationId, StringComparison.Ordinal))
            {
                // The row named another location (a LocationId column, say): that is the row's fault, not the token's.
                var record = ContactErrors.FromApi(ex, row.Label, row.Target);
                record.ErrorDetails = new ErrorDetails(row.Label + ": the row's LocationId '" + payload.LocationId + "' is not the connection's location ('" +
                    ActiveConnection.LocationId + "') and the token has no access to it (403).")
                {
                    RecommendedAction = "Remove the LocationId column, or pass -LocationId on the command line (it then wins over the column).",
                };
                return RowResult.Failed(record);
            }
        }

        private async Task<RowResult> SendOrSkipAsync(ContactPayload payload, DuplicateAction mode, CancellationToken cancellationToken)
        {
            var api = ApiFor(payload.LocationId);
            if (mode == DuplicateAction.Update)
            {
                var upserted = await api.UpsertAsync(payload, Trace, cancellationToken).ConfigureAwait(false);
                return new RowResult { Output = upserted };
            }
            try
            {
                var created = await api.CreateAsync(payload, Trace, cancellationToken).ConfigureAwait(false);
                created.Contact.Outcome = ContactOutcome.Created;
                return new RowResult { Output = created.Contact };
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Duplicate && mode == DuplicateAction.Skip && ex.DuplicateContactId != null)
            {
                var existing = await api.GetAsync(ex.DuplicateContactId, Trace, cancellationToken).ConfigureAwait(false);
                existing.Outcome = ContactOutcome.Skipped;
                return new RowResult
                {
                    Output = existing,
                    Skipped = true,
                    Warning = string.Format(CultureInfo.InvariantCulture, "skipped, contact {0} ({1}) already has this {2}.",
                        existing.Id, existing.Name ?? existing.Email ?? existing.Phone, ex.MatchingField ?? "email or phone"),
                };
            }
        }
    }
}
