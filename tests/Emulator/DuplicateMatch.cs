namespace ContactsEmulator;

/// <summary>The existing contact a write collided with, for the 400 "does not allow duplicated contacts" meta.</summary>
public sealed record DuplicateMatch(string ContactId, string MatchingField, string ContactName);
