using System;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;

namespace ContactsModule.Tests.Hosting
{
    /// <summary>Writes small real assemblies with unique names to disk, for the resolver to find.</summary>
    internal static class ProbeAssembly
    {
        /// <summary>Saves &lt;folder&gt;/&lt;name&gt;.dll with the given version and one public type, Probe.Marker; returns the path.</summary>
        public static string Write(string folder, string name, Version version)
        {
            Directory.CreateDirectory(folder);
            var builder = new PersistedAssemblyBuilder(new AssemblyName(name) { Version = version }, typeof(object).Assembly);
            var module = builder.DefineDynamicModule(name);
            module.DefineType("Probe.Marker", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed).CreateType();
            string path = Path.Combine(folder, name + ".dll");
            builder.Save(path);
            return path;
        }

        /// <summary>A name no other test uses, so each test loads its own assembly.</summary>
        public static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N");

        public static string NewFolder()
        {
            string folder = Path.Combine(Path.GetTempPath(), "ContactsModule.Tests.Hosting", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
