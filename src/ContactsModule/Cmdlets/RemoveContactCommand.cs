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

        private int _rowNumber;

        protected override void BeginProcessing()
        {
            _ = ActiveConnection;
        }

        protected override void ProcessRecord()
        {
            _rowNumber++;
            bool piped = MyInvocation.ExpectingInput;
            foreach (var raw in Id ?? new string[] { null })
            {
                string id = CellText.Clean(raw);
                string label = RowLabel.For(piped, _rowNumber, id ?? "without id");
                if (id == null)
                {
                    WriteError(ContactErrors.MissingId(label, raw));
                    continue;
                }
                if (!Confirmed(label, "DELETE /contacts/" + System.Uri.EscapeDataString(id))) continue;
                try
                {
                    Run(async ct =>
                    {
                        await Api.DeleteAsync(id, Trace, ct).ConfigureAwait(false);
                        return true;
                    });
                }
                catch (ContactsApiException ex)
                {
                    WriteApiError(ex, label, raw);
                }
            }
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
