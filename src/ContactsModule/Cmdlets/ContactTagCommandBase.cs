using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using ContactsModule.Api;
using ContactsModule.Conversion;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// Add-ContactTag and Remove-ContactTag. Ids given on the command line alone (one id, nothing piped) use
    /// POST / DELETE /contacts/{id}/tags. Piped ids (or several) are collected and sent in bulk calls,
    /// POST /contacts/bulk/tags/update/{add|remove}, of up to -BatchSize (default and most: 100) distinct ids each: a
    /// batch goes out as soon as it is full, and the rest at the end. A contact the bulk answer reports as failed
    /// gives one error for each input row that carried its id; the other contacts of the call are updated.
    /// -PassThru then gets each updated contact (GET /contacts/{id}: one more call per contact).
    /// </summary>
    public abstract class ContactTagCommandBase : ContactsApiCmdlet
    {
        /// <summary>The API takes at most this many contacts in one bulk tag call.</summary>
        public const int MaxBatchSize = 100;

        /// <summary>Contact ids. A Contact, or a row with an Id, ContactId or "Contact Id" column, binds by name.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ContactId", "Contact Id")]
        [AllowEmptyString]
        public string[] Id { get; set; }

        /// <summary>The tags. Deliberately not taken from the pipeline: a piped Contact has its own Tags.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Tag { get; set; }

        /// <summary>The location the bulk calls name; default: the connection's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LocationId { get; set; }

        /// <summary>Contacts per bulk call, 1 to 100 (default 100).</summary>
        [Parameter]
        [ValidateRange(1, MaxBatchSize)]
        public int BatchSize { get; set; } = MaxBatchSize;

        /// <summary>Writes each updated contact (one GET per contact after its call).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>True for Add-ContactTag.</summary>
        protected abstract bool Adding { get; }

        private readonly List<string> _batchIds = new List<string>();
        private readonly Dictionary<string, List<PendingRow>> _batchRows = new Dictionary<string, List<PendingRow>>(StringComparer.Ordinal);
        private string[] _tags;
        private string _locationId;
        private int _rowNumber;

        private string Method => Adding ? "POST" : "DELETE";
        private string BulkPath => "/contacts/bulk/tags/update/" + (Adding ? "add" : "remove");

        protected override void BeginProcessing()
        {
            _tags = TagList.Parse(Tag);
            if (_tags.Length == 0)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Tag has no tag that is not blank."),
                    ErrorIds.InvalidTag, ErrorCategory.InvalidArgument, Tag));
            }
            _locationId = LocationId ?? ActiveConnection.LocationId;
        }

        protected override void ProcessRecord()
        {
            _rowNumber++;
            bool piped = MyInvocation.ExpectingInput;
            bool single = !piped && Id != null && Id.Length == 1;
            foreach (var raw in Id ?? new string[] { null })
            {
                string id = CellText.Clean(raw);
                string label = RowLabel.For(piped, _rowNumber, id ?? "without id");
                if (id == null)
                {
                    WriteError(ContactErrors.MissingId(label, raw));
                    continue;
                }
                if (single)
                {
                    SendSingle(id, label, raw);
                    continue;
                }
                if (!ShouldProcess(label, Method + " " + BulkPath + " " + ContactJson.WriteBulkTagsBody(new[] { id }, _tags, _locationId))) continue;
                if (!_batchRows.TryGetValue(id, out var rows))
                {
                    if (_batchIds.Count == BatchSize) Flush();
                    rows = new List<PendingRow>();
                    _batchRows[id] = rows;
                    _batchIds.Add(id);
                }
                rows.Add(new PendingRow { Label = label, Target = raw });
            }
        }

        protected override void EndProcessing()
        {
            Flush();
        }

        private void SendSingle(string id, string label, object target)
        {
            string path = "/contacts/" + Uri.EscapeDataString(id) + "/tags";
            if (!ShouldProcess(label, Method + " " + path + " " + ContactJson.WriteTagsBody(_tags))) return;
            try
            {
                var tags = Run(ct => Adding ? Api.AddTagsAsync(id, _tags, Trace, ct) : Api.RemoveTagsAsync(id, _tags, Trace, ct));
                if (!PassThru) return;
                var contact = Run(ct => Api.GetAsync(id, Trace, ct));
                contact.Outcome = ContactOutcome.Updated;
                WriteObject(contact);
            }
            catch (ContactsApiException ex)
            {
                WriteApiError(ex, label, target);
            }
        }

        /// <summary>Sends the collected ids in one bulk call and writes their errors (and, with -PassThru, the contacts).</summary>
        private void Flush()
        {
            if (_batchIds.Count == 0) return;
            var ids = _batchIds.ToArray();
            var rowsById = new Dictionary<string, List<PendingRow>>(_batchRows, StringComparer.Ordinal);
            _batchIds.Clear();
            _batchRows.Clear();

            BulkTagResult result;
            try
            {
                result = Run(ct => Api.BulkUpdateTagsAsync(Adding, _locationId, ids, _tags, Trace, ct));
            }
            catch (ContactsApiException ex)
            {
                // The whole call failed: every row of the batch gets the error (401/403 stop at the first).
                foreach (var id in ids)
                    foreach (var row in rowsById[id])
                        WriteApiError(ex, row.Label + " (one of " + ids.Length.ToString(CultureInfo.InvariantCulture) + " contacts in " + BulkPath + ")", row.Target);
                return;
            }

            var items = new Dictionary<string, BulkTagItemResult>(StringComparer.Ordinal);
            foreach (var item in result.Items)
                if (item.ContactId != null && !items.ContainsKey(item.ContactId)) items[item.ContactId] = item;

            foreach (var id in ids)
            {
                bool ok;
                string message = null;
                if (items.TryGetValue(id, out var item))
                {
                    ok = item.Success;
                    message = item.Message;
                }
                else
                {
                    // Not named in the answer: trust an answer without errors, otherwise say we cannot tell.
                    ok = result.Succeeded && result.ErrorCount == 0;
                    message = "the bulk answer did not report on this contact (" + result.ErrorCount.ToString(CultureInfo.InvariantCulture) + " error(s) in the call)";
                }
                if (!ok)
                {
                    foreach (var row in rowsById[id]) WriteError(ContactErrors.BulkTagFailed(row.Label, id, message, Adding, row.Target));
                    continue;
                }
                if (!PassThru) continue;
                try
                {
                    var contact = Run(ct => Api.GetAsync(id, Trace, ct));
                    contact.Outcome = ContactOutcome.Updated;
                    WriteObject(contact);
                }
                catch (ContactsApiException ex)
                {
                    var row = rowsById[id][0];
                    WriteApiError(ex, row.Label + " (the tags were changed; getting the contact for -PassThru failed)", row.Target);
                }
            }
        }

        private sealed class PendingRow
        {
            public string Label;
            public object Target;
        }
    }
}
