using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using ContactsModule.Conversion;
using ContactsModule.Execution;
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

        /// <summary>What to do when the contact already exists: Error (default), Skip or Update (upsert).</summary>
        [Parameter]
        public DuplicateAction OnDuplicate { get; set; } = DuplicateAction.Error;

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>After Ctrl+C: the input rows whose outcome was not confirmed.</summary>
        public const string UnconfirmedRowsVariable = "global:ContactsUnconfirmedRows";

        private OrderedTaskQueue<RowState, RowResult> _queue;
        private Dictionary<string, string> _customFieldColumns;
        private string _defaultRegion;
        private CancellationTokenSource _abort;
        private int _rowNumber;
        private RowState _current;
        private readonly ImportProgress _progress = new ImportProgress("New-Contact");

        protected override void BeginProcessing()
        {
            if (DefaultCountry != null)
            {
                if (!CountryCodes.TryResolve(DefaultCountry, out _defaultRegion, out var reason))
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("-DefaultCountry '" + DefaultCountry + "' " + reason),
                        "InvalidDefaultCountry", ErrorCategory.InvalidArgument, DefaultCountry));
                }
            }
            _customFieldColumns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (CustomFieldColumn != null)
            {
                foreach (DictionaryEntry entry in CustomFieldColumn)
                {
                    string column = CellText.Clean(Unwrap(entry.Key));
                    string key = CellText.Clean(Unwrap(entry.Value));
                    if (column == null || key == null)
                    {
                        ThrowTerminatingError(new ErrorRecord(new ArgumentException("-CustomFieldColumn maps column headers to custom field keys; an entry has an empty header or key."),
                            "InvalidCustomFieldColumn", ErrorCategory.InvalidArgument, CustomFieldColumn));
                    }
                    _customFieldColumns[column] = key;
                }
            }
            _ = ActiveConnection;
            _abort = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
            _queue = new OrderedTaskQueue<RowState, RowResult>(ThrottleLimit, Math.Max(64, ThrottleLimit * 4));
            // Shown from the start, so that a run that stops at its first row still ends with a Completed record.
            _progress.Update(this, force: true);
        }

        protected override void ProcessRecord() => StopCleanlyOn(ProcessRow);

        protected override void EndProcessing() => StopCleanlyOn(() =>
        {
            if (_queue == null) return;
            Pump(untilEmpty: true);
            _progress.Complete(this);
        });

        /// <summary>
        /// -ErrorAction Stop on a row's error, or a downstream Select-Object -First, ends the cmdlet by an exception
        /// out of WriteError/WriteObject: cancel the calls still in flight and close the progress bar before it goes.
        /// </summary>
        private void StopCleanlyOn(Action body)
        {
            try
            {
                body();
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is ActionPreferenceStopException)
            {
                _abort?.Cancel();
                try
                {
                    _progress.Complete(this);
                }
                catch (PipelineStoppedException)
                {
                }
                throw;
            }
        }

        private void ProcessRow()
        {
            _rowNumber++;
            bool fromPipeline = MyInvocation.ExpectingInput;
            var row = new RowState
            {
                Number = _rowNumber,
                Label = fromPipeline ? "Row " + _rowNumber.ToString(CultureInfo.InvariantCulture) : "New-Contact",
                Target = (object)InputObject ?? BoundParameterTable(),
            };

            var input = ReadInput();
            var built = ContactPayloadBuilder.Build(input, _defaultRegion);
            if (!built.IsValid)
            {
                var named = new List<FieldError>();
                foreach (var error in built.Errors)
                    named.Add(new FieldError(RowColumns.ColumnFor(InputObject, GetType(), error.Column), error.Value, error.Reason));
                _queue.EnqueueCompleted(row, new RowResult { Error = ContactErrors.Validation(row.Label, named, row.Target) });
            }
            else
            {
                var payload = built.Payload;
                if (payload.LocationId == null) payload.LocationId = ActiveConnection.LocationId;
                row.Identity = payload.Email ?? payload.Phone ?? payload.Name ?? ((payload.FirstName + " " + payload.LastName).Trim());
                string path = OnDuplicate == DuplicateAction.Update ? "/contacts/upsert" : "/contacts/";
                string target = row.Label + (string.IsNullOrEmpty(row.Identity) ? string.Empty : " (" + row.Identity + ")");
                if (ShouldProcess(target, "POST " + path + " " + ContactJson.WritePayload(payload)))
                {
                    var mode = OnDuplicate;
                    _queue.Enqueue(row, ct => SendAsync(payload, mode, ct), _abort.Token);
                }
            }
            Pump(untilEmpty: false);
        }


        private ContactInput ReadInput()
        {
            var input = new ContactInput();
            input.Set("firstName", FirstName, nameof(FirstName));
            input.Set("lastName", LastName, nameof(LastName));
            input.Set("name", Name, nameof(Name));
            input.Set("email", Email, nameof(Email));
            input.Set("locationId", LocationId, nameof(LocationId));
            input.Set("gender", Gender, nameof(Gender));
            input.Set("phone", Phone, nameof(Phone));
            input.Set("address1", Address1, nameof(Address1));
            input.Set("city", City, nameof(City));
            input.Set("state", State, nameof(State));
            input.Set("postalCode", PostalCode, nameof(PostalCode));
            input.Set("website", Website, nameof(Website));
            input.Set("timezone", Timezone, nameof(Timezone));
            input.Set("dnd", Unwrap(Dnd), nameof(Dnd));
            input.Set("dndSettings", Unwrap(DndSettings), nameof(DndSettings));
            input.Set("inboundDndSettings", Unwrap(InboundDndSettings), nameof(InboundDndSettings));
            input.Set("tags", Unwrap(Tags), nameof(Tags));
            input.Set("customFields", Unwrap(CustomFields), nameof(CustomFields));
            input.Set("source", Source, nameof(Source));
            input.Set("country", Country, nameof(Country));
            input.Set("companyName", CompanyName, nameof(CompanyName));
            input.Set("assignedTo", AssignedTo, nameof(AssignedTo));
            input.Set("dateOfBirth", Unwrap(DateOfBirth), nameof(DateOfBirth));

            if (InputObject != null && !(InputObject.BaseObject is Contact))
            {
                foreach (var property in InputObject.Properties)
                {
                    if (!property.IsGettable) continue;
                    if (_customFieldColumns.TryGetValue(property.Name, out var mappedKey))
                    {
                        input.CustomFieldsByKey.Add(new KeyValuePair<string, object>(mappedKey, Unwrap(property.Value)));
                        input.CustomFieldColumns[mappedKey] = property.Name;
                    }
                    else if (RowColumns.TryCustomFieldKey(property.Name, out var key))
                    {
                        input.CustomFieldsByKey.Add(new KeyValuePair<string, object>(key, Unwrap(property.Value)));
                        input.CustomFieldColumns[key] = property.Name;
                    }
                    else if (RowColumns.TryDndChannel(property.Name, out var channel))
                    {
                        input.DndChannelColumns[channel] = new KeyValuePair<string, object>(property.Name, Unwrap(property.Value));
                    }
                }
            }
            return input;
        }

        private async Task<RowResult> SendAsync(ContactPayload payload, DuplicateAction mode, CancellationToken cancellationToken)
        {
            if (mode == DuplicateAction.Update)
            {
                var upserted = await Api.UpsertAsync(payload, Trace, cancellationToken).ConfigureAwait(false);
                return new RowResult { Contact = upserted };
            }
            try
            {
                var created = await Api.CreateAsync(payload, Trace, cancellationToken).ConfigureAwait(false);
                created.Contact.Outcome = ContactOutcome.Created;
                return new RowResult { Contact = created.Contact };
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Duplicate && mode == DuplicateAction.Skip && ex.DuplicateContactId != null)
            {
                var existing = await Api.GetAsync(ex.DuplicateContactId, Trace, cancellationToken).ConfigureAwait(false);
                existing.Outcome = ContactOutcome.Skipped;
                return new RowResult
                {
                    Contact = existing,
                    Warning = string.Format(CultureInfo.InvariantCulture, "skipped: contact {0} ({1}) already has this {2}.",
                        existing.Id, existing.Name ?? existing.Email ?? existing.Phone, ex.MatchingField ?? "email or phone"),
                };
            }
        }

        /// <summary>Writes every finished row in input order; waits while the queue is full (or, at the end, until it is empty).</summary>
        private void Pump(bool untilEmpty)
        {
            while (true)
            {
                while (_queue.TryDequeueCompleted(out var row, out var task))
                {
                    // Until its result is written, a dequeued row counts as unconfirmed if the run is stopped.
                    _current = row;
                    if (Stopping.IsCancellationRequested) StopNow();
                    try
                    {
                        Emit(row, task);
                    }
                    catch (PipelineStoppedException) when (Stopping.IsCancellationRequested)
                    {
                        StopNow();
                    }
                    _current = null;
                }
                FlushTrace();
                _progress.Update(this, force: false);
                bool mustWait = untilEmpty ? _queue.Count > 0 : _queue.IsFull;
                if (!mustWait) return;
                if (Stopping.IsCancellationRequested) StopNow();
                _queue.WaitForOldest(TimeSpan.FromMilliseconds(100));
            }
        }

        private void Emit(RowState row, Task<RowResult> task)
        {
            if (task.IsCanceled)
            {
                if (Stopping.IsCancellationRequested) StopNow();
                WriteError(ContactErrors.NotSent(row.Label, "the run was stopped.", row.Target));
                _progress.Failed++;
                return;
            }
            if (task.IsFaulted)
            {
                var ex = task.Exception.GetBaseException();
                if (ex is OperationCanceledException && Stopping.IsCancellationRequested) StopNow();
                if (ex is ContactsApiException api)
                {
                    if (ContactErrors.IsTerminating(api.Kind)) StopForTerminating(row, api);
                    WriteError(ContactErrors.FromApi(api, row.Label, row.Target));
                }
                else
                {
                    var wrapped = new ContactsApiException(ApiErrorKind.InvalidResponse, ex.Message, ex);
                    WriteError(ContactErrors.FromApi(wrapped, row.Label, row.Target));
                }
                _progress.Failed++;
                return;
            }
            var result = task.Result;
            if (result.Error != null)
            {
                WriteError(result.Error);
                _progress.Failed++;
                return;
            }
            if (result.Warning != null) WriteWarning(row.Label + " " + result.Warning);
            if (result.Contact.Outcome == ContactOutcome.Skipped) _progress.Skipped++;
            else _progress.Succeeded++;
            WriteObject(result.Contact);
        }

        /// <summary>401, 403 or the daily quota: nothing more can succeed, so stop and say what was not sent.</summary>
        private void StopForTerminating(RowState failedRow, ContactsApiException api)
        {
            _abort.Cancel();
            var notSent = _queue.DrainRows();
            foreach (var row in notSent)
                WriteError(ContactErrors.NotSent(row.Label, "the run stopped at " + failedRow.Label + " (" + api.Kind + ").", row.Target));
            FlushTrace();
            _progress.Complete(this);
            var record = ContactErrors.FromApi(api, failedRow.Label, failedRow.Target);
            string summary = string.Format(CultureInfo.InvariantCulture,
                " Stopped: {0} row(s) done before it ({1} created, {2} skipped, {3} failed); {4} queued row(s) were not sent (ContactNotSent errors); rows after row {5} were not read.",
                _progress.Done, _progress.Succeeded, _progress.Skipped, _progress.Failed, notSent.Count, _rowNumber);
            record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message + summary) { RecommendedAction = record.ErrorDetails.RecommendedAction };
            ThrowTerminatingError(record);
        }

        /// <summary>
        /// Ctrl+C: in-flight calls are cancelled. PowerShell allows no more output once a pipeline is stopping, so
        /// the rows that were queued or in flight are named on the host and kept in $global:ContactsUnconfirmedRows
        /// (the input rows themselves), ready to send again.
        /// </summary>
        private void StopNow()
        {
            var pending = _queue.DrainRows();
            if (_current != null) pending.Insert(0, _current);
            if (pending.Count > 0)
            {
                var numbers = new List<string>();
                var rows = new List<object>();
                foreach (var row in pending)
                {
                    numbers.Add(row.Number.ToString(CultureInfo.InvariantCulture));
                    rows.Add(row.Target);
                }
                string message = string.Format(CultureInfo.InvariantCulture,
                    "Stopped. {0} row(s) were done; {1} row(s) were queued or in flight and may not have been created: rows {2}. Send them again with -OnDuplicate Skip: $ContactsUnconfirmedRows | New-Contact -OnDuplicate Skip",
                    _progress.Done, pending.Count, string.Join(", ", numbers));
                try
                {
                    SessionState.PSVariable.Set(UnconfirmedRowsVariable, rows.ToArray());
                }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is SessionStateException)
                {
                }
                try
                {
                    Host?.UI?.WriteWarningLine(message);
                }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is NotImplementedException || ex is System.IO.IOException)
                {
                }
            }
            throw new PipelineStoppedException();
        }

        private Hashtable BoundParameterTable()
        {
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in MyInvocation.BoundParameters)
            {
                if (pair.Key == nameof(Connection) || pair.Key == nameof(InputObject)) continue;
                table[pair.Key] = pair.Value;
            }
            return table;
        }

        private sealed class RowState
        {
            public int Number;
            public string Label;
            public string Identity;
            public object Target;
        }

        private sealed class RowResult
        {
            public Contact Contact;
            public ErrorRecord Error;
            public string Warning;
        }
    }
}
