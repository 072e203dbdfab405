using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace ContactsModule.Hosting
{
    /// <summary>
    /// Loads the module's own dependencies from the dependencies/ folder beside the DLL, as PSResourceGet does.
    /// The handler only runs when the host could not resolve an assembly itself: on PowerShell 7.4+ the host's
    /// own (newer) System.Text.Json and friends win; on Windows PowerShell 5.1 the shipped copies load.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            AppDomain.CurrentDomain.AssemblyResolve += DependencyResolver.Resolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= DependencyResolver.Resolve;
        }
    }
}
