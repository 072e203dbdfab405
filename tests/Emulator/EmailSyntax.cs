using System.Text.RegularExpressions;

namespace ContactsEmulator;

/// <summary>Email syntax check close to class-validator's IsEmail (validator.js defaults).</summary>
public static partial class EmailSyntax
{
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})$")]
    private static partial Regex DomainPart();

    public static bool IsValid(string email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > 254) return false;
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1) return false;
        var local = email[..at];
        var domain = email[(at + 1)..];
        return local.Length <= 64 && LocalPart().IsMatch(local) && DomainPart().IsMatch(domain);
    }
}
