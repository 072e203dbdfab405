using System.Management.Automation;
using ContactsModule.Session;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Forgets the current HighLevel connection.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ContactsApi")]
    [OutputType(typeof(void))]
    public sealed class DisconnectContactsApiCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = ConnectionState.Current;
            ConnectionState.Current = null;
            WriteVerbose(current == null ? "There was no connection." : "Disconnected from location " + current.LocationId + ".");
        }
    }
}
