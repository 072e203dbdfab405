namespace ContactsEmulator;

/// <summary>Phone comparison form: digits only, keeping a leading plus.</summary>
public static class PhoneNormalizer
{
    public static string Normalize(string phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0) return null;
        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }

    public static string DigitsOnly(string text) =>
        text == null ? string.Empty : new string(text.Where(char.IsAsciiDigit).ToArray());
}
