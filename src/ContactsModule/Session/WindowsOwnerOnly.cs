using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace ContactsModule.Session
{
    /// <summary>
    /// Windows: replaces a file's access list with one entry, full control for its owner ("OW", the OWNER RIGHTS SID),
    /// protected from inherited entries. Plain Win32 calls, so it works the same on Windows PowerShell 5.1 and pwsh.
    /// </summary>
    internal static class WindowsOwnerOnly
    {
        private const string OwnerOnlyDescriptor = "D:P(A;;FA;;;OW)";
        private const uint SddlRevision1 = 1;
        private const uint DaclSecurityInformation = 0x4;

        public static void Apply(string path)
        {
            if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(OwnerOnlyDescriptor, SddlRevision1, out IntPtr descriptor, out _))
                throw new IOException("Could not build an owner-only access list: " + new Win32Exception(Marshal.GetLastWin32Error()).Message);
            try
            {
                if (!SetFileSecurityW(path, DaclSecurityInformation, descriptor))
                    throw new IOException("Could not make " + path + " readable by its owner only: " + new Win32Exception(Marshal.GetLastWin32Error()).Message);
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string stringSecurityDescriptor, uint revision, out IntPtr securityDescriptor, out uint size);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool SetFileSecurityW(string fileName, uint securityInformation, IntPtr securityDescriptor);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);
    }
}
