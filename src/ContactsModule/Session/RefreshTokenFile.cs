using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ContactsModule.Session
{
    /// <summary>
    /// Keeps the latest refresh token in a file readable by its owner only: written to a temporary file in the same
    /// folder (owner-only from the start) and renamed over the old one, so a crash leaves the old token or the new one,
    /// never half of one.
    /// </summary>
    internal static class RefreshTokenFile
    {
        private const int OwnerReadWrite = 0x180; // 0600
        private static readonly ConcurrentDictionary<string, bool> Kept = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Writes every new refresh token of <paramref name="source"/> to <paramref name="path"/> (attached once per pair).</summary>
        public static void KeepLatest(Api.RefreshTokenSource source, string path)
        {
            string key = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(source) + "|" + Path.GetFullPath(path);
            if (Kept.TryAdd(key, true)) source.RefreshTokenRotated += token => Write(path, token);
        }

        /// <summary>The token in the file, or null when the file does not exist or is empty.</summary>
        public static string Read(string path)
        {
            if (!File.Exists(path)) return null;
            string text = File.ReadAllText(path, Encoding.UTF8).Trim();
            return text.Length == 0 ? null : text;
        }

        public static void Write(string path, string refreshToken)
        {
            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            string temp = Path.Combine(folder ?? ".", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    RestrictToOwner(temp);
                    var bytes = new UTF8Encoding(false).GetBytes(refreshToken);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
                RestrictToOwner(full);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        /// <summary>chmod 600 on Unix; on Windows, an ACL with the current user alone (no inherited entries).</summary>
        private static void RestrictToOwner(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                WindowsOwnerOnly.Apply(path);
                return;
            }
            if (chmod(path, OwnerReadWrite) != 0)
                throw new IOException("Could not make " + path + " readable by its owner only (chmod 600 failed, errno " + Marshal.GetLastWin32Error() + ").");
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
