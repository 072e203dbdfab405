using System;
using System.Collections.Generic;
using System.Management.Automation;
using ContactsModule.Api;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Lists the location's contact custom fields (name, key, data type, options).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContactCustomField", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ContactCustomField))]
    public sealed class GetContactCustomFieldCommand : ContactsApiCmdlet
    {
        private const string NameSet = "Name";
        private const string KeySet = "Key";
        private const string IdSet = "Id";

        /// <summary>Only the fields whose name matches this wildcard pattern (case-insensitive).</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string Name { get; set; }

        /// <summary>The field with this key, with or without "contact." (case-insensitive).</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string Key { get; set; }

        /// <summary>The field with this id.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>The location whose fields to list; default: the connection's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LocationId { get; set; }

        /// <summary>Read the schema again instead of using the one this connection has already read.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        protected override void EndProcessing()
        {
            var connection = ActiveConnection;
            string locationId = LocationId ?? connection.LocationId;
            if (string.IsNullOrEmpty(locationId))
            {
                string message = "This agency (Company) connection has no default location: give -LocationId (Get-ContactsApiLocation lists them).";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument, null)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Get-ContactCustomField -LocationId <location id>" },
                });
                return;
            }
            IReadOnlyList<ContactCustomField> fields;
            try
            {
                var session = ApiFor(locationId).Session;
                fields = Run(ct => connection.CustomFieldSchemas.GetAsync(session, locationId, Refresh.IsPresent, Trace, ct));
            }
            catch (ContactsApiException ex)
            {
                ThrowTerminatingError(ContactErrors.FromApi(ex, "Get-ContactCustomField", null));
                return;
            }

            if (Key != null || Id != null)
            {
                string wanted = Key != null ? ContactCustomField.StripModel(Key.Trim()) : Id.Trim();
                foreach (var field in fields)
                {
                    bool match = Key != null
                        ? string.Equals(field.ShortKey, wanted, StringComparison.OrdinalIgnoreCase)
                        : string.Equals(field.Id, wanted, StringComparison.Ordinal);
                    if (match)
                    {
                        WriteObject(field);
                        return;
                    }
                }
                WriteNotFound(Key != null ? "key '" + Key + "'" : "id '" + Id + "'", locationId, Key ?? Id);
                return;
            }

            var pattern = Name == null ? null : new WildcardPattern(Name.Trim(), WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            bool any = false;
            foreach (var field in fields)
            {
                if (pattern != null && !pattern.IsMatch(field.Name ?? string.Empty)) continue;
                any = true;
                WriteObject(field);
            }
            if (!any && Name != null && !WildcardPattern.ContainsWildcardCharacters(Name))
                WriteNotFound("name '" + Name + "'", locationId, Name);
        }

        private void WriteNotFound(string what, string locationId, string target)
        {
            string message = "Location " + locationId + " has no contact custom field with " + what + ".";
            WriteError(new ErrorRecord(new ItemNotFoundException(message), ErrorIds.CustomFieldNotFound, ErrorCategory.ObjectNotFound, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "List the location's fields with Get-ContactCustomField (add -Refresh if the field was just created).",
                },
            });
        }
    }
}
