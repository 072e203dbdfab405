using System.Management.Automation;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Adds tags to HighLevel contacts, keeping their other tags.</para>
    /// <para type="description">One contact: POST /contacts/{id}/tags. Piped contacts: POST /contacts/bulk/tags/update/add with up
    /// to -BatchSize (100) contacts a call, which spares the rate limit. Get-Contact -Query acme | Add-ContactTag customer.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ContactTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Contact))]
    public sealed class AddContactTagCommand : ContactTagCommandBase
    {
        protected override bool Adding => true;
    }
}
