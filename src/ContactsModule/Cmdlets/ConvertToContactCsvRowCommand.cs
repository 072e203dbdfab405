using System;
using System.Collections.Generic;
using System.Management.Automation;
using ContactsModule.Conversion;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Turns contacts into flat CSV rows (standard fields, joined tags, one column per custom field key) that New-Contact imports into any location.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "ContactCsvRow")]
    [OutputType(typeof(PSObject))]
    public sealed class ConvertToContactCsvRowCommand : ContactsApiCmdlet
    {
        /// <summary>The contacts to convert (Get-Contact output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public Contact[] InputObject { get; set; }

        internal override OutputFieldNames OutputCustomFieldNames => OutputFieldNames.Read;

        private ContactCsvRow _writer;
        private readonly HashSet<string> _leftWarned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            foreach (var contact in InputObject)
            {
                if (contact == null) continue;
                // The first contact's location sets the columns (Export-Csv takes its columns from the first row).
                if (_writer == null) _writer = new ContactCsvRow(SchemaFor(contact));
                NameCustomFields(contact);
                var left = new List<string>();
                var row = _writer.Write(contact, left);
                var output = new PSObject();
                foreach (System.Collections.DictionaryEntry cell in row)
                    output.Properties.Add(new PSNoteProperty((string)cell.Key, cell.Value));
                foreach (var field in left)
                {
                    if (!_leftWarned.Add(field)) continue;
                    WriteWarning("ConvertTo-ContactCsvRow left out the custom field " + field + " (contact " + contact.Id +
                                 "): it has no column, because its key is unknown (its location's custom fields could not be read) or the first contact's location has no such field. (Said once per field.)");
                }
                WriteObject(output);
            }
        }

        private IReadOnlyList<ContactCustomField> SchemaFor(Contact contact)
        {
            var connection = ActiveConnection;
            string locationId = string.IsNullOrEmpty(contact.LocationId) ? connection.LocationId : contact.LocationId;
            if (string.IsNullOrEmpty(locationId)) return null;
            return ReadOutputSchema(locationId);
        }
    }
}
