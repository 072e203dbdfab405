using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ContactsModule.Hosting;
using Xunit;

namespace ContactsModule.Tests.Hosting
{
    // The resolver is what loads System.Text.Json and friends from dependencies/ on Windows PowerShell 5.1 (net472),
    // which cannot run here; these tests run the same code on .NET. Assemblies loaded by a test stay loaded, so
    // every test writes probe assemblies with names of its own.
    [Collection("Hosting")]
    public class DependencyResolverTests
    {
        private readonly string _folder = ProbeAssembly.NewFolder();

        [Theory]
        [InlineData("99.0.0.0")]
        [InlineData("0.0.0.1")]
        [InlineData("1.2.3.4")]
        public void ResolvesBySimpleNameWhateverVersionIsRequested(string requested)
        {
            string name = ProbeAssembly.UniqueName("Versioned");
            string path = ProbeAssembly.Write(_folder, name, new Version(1, 2, 3, 4));

            var assembly = DependencyResolver.Resolve(_folder, name + ", Version=" + requested + ", Culture=neutral, PublicKeyToken=null");

            Assert.NotNull(assembly);
            Assert.Equal(name, assembly.GetName().Name);
            Assert.Equal(new Version(1, 2, 3, 4), assembly.GetName().Version);
            Assert.Equal(Path.GetFullPath(path), assembly.Location);
            Assert.NotNull(assembly.GetType("Probe.Marker"));
        }

        [Fact]
        public void ResolvesAPlainSimpleNameAndIgnoresCase()
        {
            string name = ProbeAssembly.UniqueName("Plain");
            ProbeAssembly.Write(_folder, name, new Version(2, 0, 0, 0));

            var assembly = DependencyResolver.Resolve(_folder, name.ToUpperInvariant());

            Assert.NotNull(assembly);
            Assert.Equal(name, assembly.GetName().Name);
        }

        [Fact]
        public void ReturnsTheAlreadyLoadedAssemblyInsteadOfASecondCopy()
        {
            string name = ProbeAssembly.UniqueName("Loaded");
            string path = ProbeAssembly.Write(_folder, name, new Version(1, 0, 0, 0));
            var first = Assembly.LoadFrom(path);

            var again = DependencyResolver.Resolve(_folder, name + ", Version=3.0.0.0");
            var third = DependencyResolver.Resolve(_folder + Path.DirectorySeparatorChar, name);

            Assert.Same(first, again);
            Assert.Same(first, third);
            Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == name);
        }

        [Fact]
        public void ResolvingTwiceGivesTheSameAssembly()
        {
            string name = ProbeAssembly.UniqueName("Twice");
            ProbeAssembly.Write(_folder, name, new Version(1, 0, 0, 0));

            var first = DependencyResolver.Resolve(_folder, name);
            var second = DependencyResolver.Resolve(_folder, name + ", Version=1.0.0.0, Culture=neutral, PublicKeyToken=null");

            Assert.NotNull(first);
            Assert.Same(first, second);
        }

        [Theory]
        [InlineData("NotInTheFolder")]
        [InlineData("NotInTheFolder, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("System.Text.Json")]
        [InlineData("ContactsModule.resources, Version=0.1.0.0, Culture=de, PublicKeyToken=null")]
        public void ReturnsNullForANameThatIsNotInTheFolder(string assemblyName)
        {
            ProbeAssembly.Write(_folder, ProbeAssembly.UniqueName("Other"), new Version(1, 0, 0, 0));

            Assert.Null(DependencyResolver.Resolve(_folder, assemblyName));
        }

        [Fact]
        public void ReturnsNullWhenTheFolderDoesNotExist()
        {
            string missing = Path.Combine(_folder, "missing");

            Assert.Null(DependencyResolver.Resolve(missing, "Anything"));
            Assert.Null(DependencyResolver.Resolve(null, "Anything"));
            Assert.Null(DependencyResolver.Resolve(string.Empty, "Anything"));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(",")]
        [InlineData("Name, Version=not-a-version")]
        [InlineData("Name, Culture")]
        [InlineData("=")]
        [InlineData("..")]
        [InlineData("../Escape")]
        [InlineData("..\\Escape")]
        [InlineData("sub/Escape")]
        [InlineData("/etc/passwd")]
        [InlineData("Na\0me")]
        public void IgnoresBadNamesWithoutThrowing(string assemblyName)
        {
            // A file one level up that a path-like name could reach must not be loaded.
            ProbeAssembly.Write(Path.GetDirectoryName(_folder), "Escape", new Version(1, 0, 0, 0));

            var exception = Record.Exception(() => Assert.Null(DependencyResolver.Resolve(_folder, assemblyName)));

            Assert.Null(exception);
        }

        [Fact]
        public void ReturnsNullForAFileThatIsNotAnAssembly()
        {
            string name = ProbeAssembly.UniqueName("Garbage");
            File.WriteAllText(Path.Combine(_folder, name + ".dll"), "not a PE file");

            Assert.Null(DependencyResolver.Resolve(_folder, name));
        }

        [Fact]
        public void TheEventHandlerLooksInTheDependenciesFolderBesideTheModule()
        {
            string expected = Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location), "dependencies");

            Assert.Equal(expected, DependencyResolver.DependencyFolder);
            Assert.Null(DependencyResolver.Resolve(null, new ResolveEventArgs(ProbeAssembly.UniqueName("Absent"))));
        }

        [Theory]
        [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Text.Json")]
        [InlineData("PhoneNumbers", "PhoneNumbers")]
        [InlineData("", null)]
        [InlineData("Bad, Version=x", null)]
        public void SimpleNameParsesDisplayNames(string displayName, string expected)
        {
            Assert.Equal(expected, DependencyResolver.SimpleName(displayName));
        }
    }
}
