namespace ContactsEmulator;

/// <summary>An access token handed out by /oauth/token or /oauth/locationToken.</summary>
public sealed record OAuthAccessToken(OAuthGrant Grant, DateTime ExpiresAtUtc);
