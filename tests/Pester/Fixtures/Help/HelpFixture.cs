// Fake binary cmdlet used by tests/Pester/HelpBuilder.Tests.ps1 to prove that the MAML produced by
// build/HelpBuilder.psm1 is read by Get-Help. Compiled with Add-Type into a temporary HelpFixture.dll.
using System.Management.Automation;

namespace HelpFixture
{
    [Cmdlet(VerbsCommon.Get, "HelpFixture", DefaultParameterSetName = "ByName")]
    [OutputType(typeof(string))]
    public sealed class GetHelpFixtureCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FixtureName", "N")]
        [SupportsWildcards]
        public string Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
        public int Id { get; set; }

        [Parameter(ParameterSetName = "ByName")]
        [Parameter(Mandatory = true, ParameterSetName = "ById")]
        [ValidateSet("Small", "Large")]
        public string Size { get; set; }

        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(ParameterSetName == "ById" ? "Id " + Id : "Name " + Name);
        }
    }
}
