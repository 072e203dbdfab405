using System.Globalization;
using System.Management.Automation;
using ContactsModule.Api;
using ContactsModule.Conversion;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes HighLevel contacts (DELETE /contacts/{id}).</para>
    /// <para type="description">Asks for confirmation for each contact (ConfirmImpact High) unless -Force or -Confirm:$false is
    /// given; -WhatIf only says what would be deleted, even with -Force. A contact that does not exist gives one
    /// ContactNotFound error and the others are still deleted.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "Contact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveContactCommand : ContactsApiCmdlet
    {
        /// <summary>Contact ids. A Contact, or a row with an Id, ContactId or "Contact Id" column, binds by name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ContactId", "Contact Id")]
        [AllowEmptyString]
        public string[] Id { get; set; }

        /// <summary>Deletes without asking. -WhatIf still sends nothing; an explicit -Confirm still asks.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// A piped Contact's (or row's) name, bound by property name only to name the contact in the confirmation and
        /// -WhatIf message; nothing is sent from it. Hidden: not a way to choose contacts.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string Name { get; set; }

        /// <summary>A piped Contact's (or row's) email, for the confirmation message only, as Name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string Email { get; set; }

        /// <summary>
        /// Agency (Company) connections: the contacts' location (default: each piped row's or Contact's LocationId, else
        /// the connection's). Other connections delete in their own location.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Location Id", "Location_Id")]
        [AllowEmptyString]
        [AllowNull]
        public string LocationId { get; set; }

        /// <summary>Contacts deleted at once (on an agency connection: in each location).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>Agency connections: how many locations are worked at once (each with up to -ThrottleLimit requests in flight).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int LocationThrottleLimit { get; set; } = 8;

        private RowRunner _rows;

        protected override void BeginProcessing()
        {
            _ = ActiveConnection;
            _rows = new RowRunner(this, "Remove-Contact", ThrottleLimit,
                "To remove the rest, run the whole input again with Remove-Contact: contacts already removed answer ContactNotFound and nothing else changes.",
                ActiveConnection.IsAgency ? new Execution.LocationThrottle(ThrottleLimit, LocationThrottleLimit) : null);
        }

        protected override void ProcessRecord() => _rows.Guard(ProcessRow);

        protected override void EndProcessing() => _rows.Guard(_rows.Finish);

        private void ProcessRow()
        {
            // An agency run: each id goes to its location (-LocationId, the piped row's, or the connection's default).
            string location = ActiveConnection.IsAgency ? CellText.Clean(LocationId) ?? ActiveConnection.LocationId : null;
            foreach (var raw in Id ?? new string[] { null })
            {
                string id = CellText.Clean(raw);
                var row = _rows.NextRow(raw, (number, piped) => RowLabel.For(piped, number, id ?? "without id"));
                if (id == null)
                {
                    _rows.Enqueue(row, RowResult.Failed(ContactErrors.MissingId(row.Label, raw)));
                    continue;
                }
                string target = ConfirmTarget(id, row.Label) + (location == null ? string.Empty : " (location " + location + ")");
                if (!Confirmed(target, "DELETE /contacts/" + System.Uri.EscapeDataString(id))) continue;
                _rows.Enqueue(row, location, async ct =>
                {
                    await ApiFor(location).DeleteAsync(id, Trace, ct).ConfigureAwait(false);
                    return RowResult.Done;
                });
            }
        }

        /// <summary>
        /// What the prompt and -WhatIf name: "Contact 'Ann Lee &lt;ann@example.com&gt;' (id abc)" for a piped contact whose
        /// name or email is known, else the row's label ("Contact abc", "Row 2 (contact abc)").
        /// </summary>
        private string ConfirmTarget(string id, string rowLabel)
        {
            bool onePiped = MyInvocation.ExpectingInput && Id != null && Id.Length == 1;
            string who = onePiped ? ContactDisplay(CellText.Clean(Name), CellText.Clean(Email)) : null;
            return who == null ? rowLabel : "Contact '" + who + "' (id " + id + ")";
        }

        internal static string ContactDisplay(string name, string email)
        {
            if (name != null && email != null) return name + " <" + email + ">";
            return name ?? (email != null ? "<" + email + ">" : null);
        }

        /// <summary>
        /// -Force skips the prompt; -WhatIf (or $WhatIfPreference) and an explicit -Confirm still go through ShouldProcess,
        /// which reports without sending, or asks.
        /// </summary>
        private bool Confirmed(string target, string action)
        {
            if (Force && !IsSwitchOn("Confirm") && !WhatIfInEffect())
            {
                WriteVerbose("Performing the operation \"" + action + "\" on target \"" + target + "\" (-Force: not asking).");
                return true;
            }
            return ShouldProcess(target, action);
        }

        private bool IsSwitchOn(string name) =>
            MyInvocation.BoundParameters.TryGetValue(name, out var value) && value is SwitchParameter s && s.IsPresent;

        private bool WhatIfInEffect()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)) return value is SwitchParameter s && s.IsPresent;
            var preference = SessionState.PSVariable.GetValue("WhatIfPreference");
            return preference != null && LanguagePrimitives.IsTrue(preference);
        }
    }
}
