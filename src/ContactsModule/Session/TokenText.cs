using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;

namespace ContactsModule.Session
{
    /// <summary>Checks that a token can be sent in an Authorization header, without ever exposing it.</summary>
    internal static class TokenText
    {
        /// <summary>Null when every character is printable ASCII without spaces; else a description of the first bad one and its position.</summary>
        public static string FindInvalidCharacter(SecureString token)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(token);
                for (int i = 0; i < token.Length; i++)
                {
                    char c = (char)Marshal.ReadInt16(pointer, i * 2);
                    if (c > ' ' && c < 0x7F) continue;
                    return string.Format(CultureInfo.InvariantCulture, "{0} at position {1} of {2}", Describe(c), i + 1, token.Length);
                }
                return null;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private static string Describe(char c)
        {
            string name;
            switch (c)
            {
                case ' ': name = "a space"; break;
                case '\u00A0': name = "a non-breaking space"; break;
                case '\u200B': name = "a zero-width space"; break;
                case '\u200C': name = "a zero-width non-joiner"; break;
                case '\u200D': name = "a zero-width joiner"; break;
                case '\u2060': name = "a word joiner"; break;
                case '\uFEFF': name = "a byte order mark (zero-width no-break space)"; break;
                case '\t': name = "a tab"; break;
                case '\r':
                case '\n': name = "a line break"; break;
                default: name = c < ' ' || c == 0x7F ? "a control character" : "a character that is not plain ASCII"; break;
            }
            return name + string.Format(CultureInfo.InvariantCulture, " (U+{0:X4})", (int)c);
        }
    }
}
