using System.Management.Automation;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Removes tags from HighLevel contacts, keeping their other tags.</para>
    /// <para type="description">One contact: DELETE /contacts/{id}/tags. Piped contacts: POST /contacts/bulk/tags/update/remove with
    /// up to -BatchSize (100) contacts a call. Get-Contact -Tag trial | Remove-ContactTag trial.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ContactTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Contact))]
    public sealed class RemoveContactTagCommand : ContactTagCommandBase
    {
        protected override bool Adding => false;
    }
}
