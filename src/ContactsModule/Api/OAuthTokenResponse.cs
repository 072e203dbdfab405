namespace ContactsModule.Api
{
    /// <summary>What /oauth/token and /oauth/locationToken answer (the parts the module uses).</summary>
    internal sealed class OAuthTokenResponse
    {
        public string AccessToken { get; set; }
        public string RefreshToken { get; set; }
        public double ExpiresInSeconds { get; set; }
        public string UserType { get; set; }
        public string LocationId { get; set; }
        public string CompanyId { get; set; }
        public string Scope { get; set; }
    }
}
