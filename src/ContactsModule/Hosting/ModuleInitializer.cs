using System.Management.Automation;

namespace ContactsModule.Hosting
{
    /// <summary>
    /// Loads the module's own dependencies from the dependencies/ folder beside the DLL, as PSResourceGet does.
    /// The handler only runs when the host could not resolve an assembly itself: on PowerShell 7.4+ the host's
    /// own (newer) System.Text.Json and friends win and only PhoneNumbers and TimeZoneConverter come from
    /// dependencies/; on Windows PowerShell 5.1 the shipped copies of System.Text.Json and its dependencies load.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyResolver.Register();

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
    }
}
