using System.Security.Cryptography;
using System.Text;

namespace ContactsEmulator;

/// <summary>Makes HighLevel-looking ids: 20 alphanumeric characters (Firestore style).</summary>
public static class IdGenerator
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId(SeededRandom random) => random.NextString(20, Alphanumeric);

    public static bool LooksLikeId(string id) =>
        id != null && id.Length == 20 && id.All(c => c < 128 && char.IsLetterOrDigit(c));

    /// <summary>A stable 20-character id derived from the given parts (same input, same id).</summary>
    public static string Derived(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts)));
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphanumeric[hash[i] % Alphanumeric.Length];
        return new string(chars);
    }

    /// <summary>A stable 24-hex-digit id (Mongo ObjectId style, like HighLevel's businessId).</summary>
    public static string DerivedHex24(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts)));
        return Convert.ToHexString(hash, 0, 12).ToLowerInvariant();
    }
}
