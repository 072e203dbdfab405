using System.Management.Automation;
using ContactsModule.Session;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Shows the current HighLevel connection, with the token masked.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContactsApiConnection")]
    [OutputType(typeof(ContactsApiConnection))]
    public sealed class GetContactsApiConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = ConnectionState.Current;
            if (current == null)
            {
                WriteError(ContactErrors.NotConnected());
                return;
            }
            WriteObject(current);
        }
    }
}
