using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ContactsEmulator;

/// <summary>Form-encoded (application/x-www-form-urlencoded) bodies: parsing, and the copy the request log keeps.</summary>
public static class FormBody
{
    private static readonly string[] SecretFields = ["client_secret", "refresh_token", "code"];

    public static Dictionary<string, string> Parse(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(body)) return fields;
        foreach (var (key, value) in QueryHelpers.ParseQuery(body)) fields[key] = value.ToString();
        return fields;
    }

    /// <summary>
    /// The body with every secret replaced by "redacted:" and the first 12 hex digits of its SHA-256, so a test can
    /// tell which refresh token was sent without the log ever holding one.
    /// </summary>
    public static string Redact(string body)
    {
        if (string.IsNullOrEmpty(body)) return body;
        var parts = new List<string>();
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            var text = value.ToString();
            var shown = SecretFields.Contains(key, StringComparer.Ordinal) ? Fingerprint(text) : Uri.EscapeDataString(text);
            parts.Add(Uri.EscapeDataString(key) + "=" + shown);
        }
        return string.Join("&", parts);
    }

    public static string Fingerprint(string secret) =>
        "redacted:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? string.Empty)), 0, 6).ToLowerInvariant();
}
