namespace ContactsModule.Api
{
    /// <summary>The /oauth/token grants the module redeems.</summary>
    internal enum OAuthGrantType
    {
        RefreshToken,
        AuthorizationCode,
    }
}
