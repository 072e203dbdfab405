namespace ContactsEmulator;

/// <summary>HighLevel stores tags trimmed, lower-cased and without duplicates.</summary>
public static class TagNormalizer
{
    public static string Normalize(string tag) => tag?.Trim().ToLowerInvariant();

    public static List<string> NormalizeAll(IEnumerable<string> tags)
    {
        var result = new List<string>();
        foreach (var tag in tags)
        {
            var normalized = Normalize(tag);
            if (!string.IsNullOrEmpty(normalized) && !result.Contains(normalized)) result.Add(normalized);
        }
        return result;
    }
}
