using System;
using System.IO;
using System.Reflection;

namespace ContactsModule.Hosting
{
    /// <summary>
    /// Resolves an assembly by simple name from the module's dependencies/ folder, whatever version was asked for.
    /// Used as an AppDomain.AssemblyResolve handler, so it must never throw: a name it cannot or should not
    /// resolve gives null and the runtime carries on with its own failure.
    /// </summary>
    internal static class DependencyResolver
    {
        /// <summary>The dependencies/ folder beside ContactsModule.dll.</summary>
        internal static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "dependencies");

        private static readonly object Gate = new object();
        private static int _registrations;

        public static Assembly Resolve(object sender, ResolveEventArgs args) => Resolve(DependencyFolder, args?.Name);

        /// <summary>
        /// Counts a module import; the first adds <see cref="Resolve(object, ResolveEventArgs)"/> to AppDomain.AssemblyResolve.
        /// Counted because several runspaces of one process (runbooks, ForEach-Object -Parallel) each import the
        /// module, and removing it from one of them must not take the handler away from the others.
        /// </summary>
        internal static void Register()
        {
            lock (Gate)
            {
                if (_registrations++ == 0) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        /// <summary>Counts a module removal; the last removes the handler. Extra removals are ignored.</summary>
        internal static void Unregister()
        {
            lock (Gate)
            {
                if (_registrations == 0) return;
                if (--_registrations == 0) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            }
        }

        internal static bool IsRegistered
        {
            get { lock (Gate) return _registrations > 0; }
        }

        /// <summary>The assembly named by <paramref name="assemblyName"/> from <paramref name="folder"/>, or null when it has no such file.</summary>
        public static Assembly Resolve(string folder, string assemblyName)
        {
            if (string.IsNullOrEmpty(folder)) return null;
            string simpleName = SimpleName(assemblyName);
            // A simple name is a file name: anything that could leave the folder ("..", separators) is refused.
            if (string.IsNullOrEmpty(simpleName) || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ||
                simpleName.IndexOf('/') >= 0 || simpleName.IndexOf('\\') >= 0 || simpleName.Trim('.').Length == 0)
                return null;

            string fullFolder;
            try
            {
                fullFolder = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                return null;
            }

            // An assembly already loaded from this folder wins: two copies of one assembly would mean two copies of its types.
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (loaded.IsDynamic) continue;
                if (!string.Equals(loaded.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase)) continue;
                string location = SafeLocation(loaded);
                if (location.Length > 0 && string.Equals(Path.GetDirectoryName(location), fullFolder, StringComparison.OrdinalIgnoreCase))
                    return loaded;
            }

            try
            {
                string path = FindFile(fullFolder, simpleName + ".dll");
                return path == null ? null : Assembly.LoadFrom(path);
            }
            catch (Exception ex) when (ex is FileLoadException || ex is BadImageFormatException || ex is IOException ||
                                       ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                return null;
            }
        }

        /// <summary>The file's path, matched case-insensitively as on Windows (assembly names are case-insensitive), or null.</summary>
        private static string FindFile(string folder, string fileName)
        {
            string exact = Path.Combine(folder, fileName);
            if (File.Exists(exact)) return exact;
            if (!Directory.Exists(folder)) return null;
            foreach (string candidate in Directory.EnumerateFiles(folder, "*.dll"))
            {
                if (string.Equals(Path.GetFileName(candidate), fileName, StringComparison.OrdinalIgnoreCase)) return candidate;
            }
            return null;
        }

        /// <summary>The simple name of an assembly display name, or null when the text is not a valid assembly name.</summary>
        internal static string SimpleName(string assemblyName)
        {
            if (string.IsNullOrWhiteSpace(assemblyName)) return null;
            try
            {
                return new AssemblyName(assemblyName).Name;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException || ex is FormatException)
            {
                return null;
            }
        }

        private static string SafeLocation(Assembly assembly)
        {
            try { return assembly.Location ?? string.Empty; } catch (NotSupportedException) { return string.Empty; }
        }
    }
}
