namespace ContactsEmulator;

/// <summary>A registered Marketplace app: the client id and secret its /oauth/token calls must carry.</summary>
public sealed class OAuthAppConfig
{
    public string ClientId { get; set; }
    public string ClientSecret { get; set; }

    /// <summary>The app id (HighLevel client ids are "&lt;appId&gt;-&lt;suffix&gt;"); the rate limit is per app and location.</summary>
    public string AppId { get; set; }
}
