using System.Management.Automation;
using ContactsModule.Session;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Shows the current HighLevel connection, with the token masked.</para>
    /// <para type="description">Returns nothing, and writes no error, when there is no connection (as Get-MgContext does).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContactsApiConnection")]
    [OutputType(typeof(ContactsApiConnection))]
    public sealed class GetContactsApiConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = ConnectionState.Current;
            if (current != null) WriteObject(current);
        }
    }
}
