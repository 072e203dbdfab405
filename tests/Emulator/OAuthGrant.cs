namespace ContactsEmulator;

/// <summary>Who an issued token acts for: an app's install in one location, or in a whole company.</summary>
public sealed record OAuthGrant(string UserType, string LocationId, string CompanyId, string ClientId, string AppId, string Scope)
{
    public bool IsCompany => UserType == "Company";

    public bool HasScope(string scope) => (" " + Scope + " ").Contains(" " + scope + " ", StringComparison.Ordinal);
}
