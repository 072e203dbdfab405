using System;
using System.IO;
using System.Reflection;

namespace ContactsModule.Hosting
{
    /// <summary>Resolves an assembly by simple name from the module's dependencies/ folder, whatever version was asked for.</summary>
    public static class DependencyResolver
    {
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "dependencies");

        public static Assembly Resolve(object sender, ResolveEventArgs args) => Resolve(DependencyFolder, args.Name);

        /// <summary>The assembly named by <paramref name="assemblyName"/> from <paramref name="folder"/>, or null when it has no such file.</summary>
        public static Assembly Resolve(string folder, string assemblyName)
        {
            string simpleName = new AssemblyName(assemblyName).Name;
            if (string.IsNullOrEmpty(simpleName) || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            // An assembly that is already loaded wins: it avoids two copies of one type in the process.
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (string.Equals(loaded.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase) && !loaded.IsDynamic &&
                    string.Equals(Path.GetDirectoryName(SafeLocation(loaded)), folder, StringComparison.OrdinalIgnoreCase))
                    return loaded;
            }
            string path = Path.Combine(folder, simpleName + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static string SafeLocation(Assembly assembly)
        {
            try { return assembly.Location; } catch (NotSupportedException) { return string.Empty; }
        }
    }
}
