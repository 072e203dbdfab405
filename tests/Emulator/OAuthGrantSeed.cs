namespace ContactsEmulator;

/// <summary>What a seeded refresh token or authorization code stands for: an install of an app in a location or a company.</summary>
public sealed class OAuthGrantSeed
{
    /// <summary>"Location" or "Company".</summary>
    public string UserType { get; set; } = "Location";
    public string LocationId { get; set; }

    /// <summary>Null: the config's companyId.</summary>
    public string CompanyId { get; set; }

    /// <summary>The app's client id; null: the first of oauthApps.</summary>
    public string ClientId { get; set; }

    /// <summary>Space-separated scopes; null: the defaults for the user type.</summary>
    public string Scope { get; set; }
}
