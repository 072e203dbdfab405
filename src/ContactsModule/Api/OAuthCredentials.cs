namespace ContactsModule.Api
{
    /// <summary>A Marketplace app's client id and secret. Never shown: ToString names the client id only.</summary>
    internal sealed class OAuthCredentials
    {
        public OAuthCredentials(string clientId, string clientSecret)
        {
            ClientId = clientId;
            ClientSecret = clientSecret;
        }

        public string ClientId { get; }
        public string ClientSecret { get; }

        /// <summary>HighLevel client ids are "&lt;appId&gt;-&lt;suffix&gt;".</summary>
        public string AppId
        {
            get
            {
                int dash = ClientId.IndexOf('-');
                return dash > 0 ? ClientId.Substring(0, dash) : ClientId;
            }
        }

        public override string ToString() => "OAuth app " + ClientId;
    }
}
