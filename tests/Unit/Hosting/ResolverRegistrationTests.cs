using System;
using System.IO;
using System.Reflection;
using ContactsModule.Hosting;
using Xunit;

namespace ContactsModule.Tests.Hosting
{
    // End to end through the runtime: Assembly.Load of a name the host cannot find raises AppDomain.AssemblyResolve,
    // and the handler ModuleInitializer.OnImport adds (DependencyResolver.Register) answers from dependencies/
    // beside ContactsModule.dll (here: the test output folder). ModuleInitializer itself needs
    // System.Management.Automation, which this test project does not load; it only forwards to these two calls.
    [Collection("Hosting")]
    public sealed class ResolverRegistrationTests : IDisposable
    {
        private readonly string _dependencies = DependencyResolver.DependencyFolder;
        private readonly string _name;

        public ResolverRegistrationTests()
        {
            _name = ProbeAssembly.UniqueName("Dependency");
            ProbeAssembly.Write(_dependencies, _name, new Version(8, 0, 0, 0));
        }

        public void Dispose()
        {
            while (DependencyResolver.IsRegistered) DependencyResolver.Unregister();
            try { File.Delete(Path.Combine(_dependencies, _name + ".dll")); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        [Fact]
        public void RegisterLetsTheRuntimeLoadAnAssemblyFromDependenciesWhateverTheVersion()
        {
            Assert.Throws<FileNotFoundException>(() => Assembly.Load(new AssemblyName(_name)));

            DependencyResolver.Register();
            var loaded = Assembly.Load(new AssemblyName(_name + ", Version=9.9.9.9"));

            Assert.Equal(_name, loaded.GetName().Name);
            Assert.Equal(Path.Combine(_dependencies, _name + ".dll"), loaded.Location);
        }

        [Fact]
        public void UnregisterTakesTheHandlerAway()
        {
            DependencyResolver.Register();
            DependencyResolver.Unregister();

            Assert.False(DependencyResolver.IsRegistered);
            Assert.Throws<FileNotFoundException>(() => Assembly.Load(new AssemblyName(_name)));
        }

        [Fact]
        public void TheHandlerStaysUntilEveryImportIsRemoved()
        {
            DependencyResolver.Register();
            DependencyResolver.Register();
            DependencyResolver.Unregister();

            Assert.True(DependencyResolver.IsRegistered);
            Assert.Equal(_name, Assembly.Load(new AssemblyName(_name)).GetName().Name);

            DependencyResolver.Unregister();
            DependencyResolver.Unregister();
            Assert.False(DependencyResolver.IsRegistered);
        }
    }
}
