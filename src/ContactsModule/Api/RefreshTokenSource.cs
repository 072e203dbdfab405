using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// The access token of an OAuth install (Location or Company), from a refresh token or an authorization code. Every
    /// refresh returns a new refresh token and the old one stops working, so the new one replaces it at once and is
    /// handed to <see cref="RefreshTokenRotated"/> (which keeps it on disk) before any caller sees the new access token.
    /// </summary>
    internal sealed class RefreshTokenSource : OAuthTokenSource
    {
        private readonly OAuthClient _client;
        private readonly object _lock = new object();
        private string _refreshToken;
        private string _code;
        private readonly string _redirectUri;
        private readonly ConcurrentDictionary<string, LocationTokenSource> _locations = new ConcurrentDictionary<string, LocationTokenSource>(StringComparer.Ordinal);

        public RefreshTokenSource(OAuthClient client, string refreshToken, string authorizationCode, string redirectUri, string userType)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            if (string.IsNullOrEmpty(refreshToken) && string.IsNullOrEmpty(authorizationCode))
                throw new ArgumentException("A refresh token or an authorization code is required.");
            _refreshToken = refreshToken;
            _code = authorizationCode;
            _redirectUri = redirectUri;
            UserType = userType;
        }

        public OAuthClient Client => _client;

        /// <summary>Location or Company: as asked, then as the server answered.</summary>
        public string UserType { get; private set; }
        public string LocationId { get; private set; }
        public string CompanyId { get; private set; }

        /// <summary>The latest refresh token (the only one that still works).</summary>
        public string RefreshToken
        {
            get { lock (_lock) return _refreshToken; }
        }

        /// <summary>Called with each new refresh token, inside the refresh (so no caller can lose it).</summary>
        public event Action<string> RefreshTokenRotated;

        /// <summary>For an agency token: the (shared, cached) token source of one of its locations.</summary>
        public LocationTokenSource ForLocation(string companyId, string locationId) =>
            _locations.GetOrAdd(companyId + "|" + locationId, _ => new LocationTokenSource(this, companyId, locationId));

        public override string LimiterIdentity => "oauth-app|" + _client.Credentials.ClientId;

        protected override string Describe => UserType == "Company" ? "the agency (Company)" : "location " + (LocationId ?? "(from the token)");

        protected override async Task<OAuthTokenResponse> FetchAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            string secret;
            bool isCode;
            lock (_lock)
            {
                isCode = _refreshToken == null;
                secret = isCode ? _code : _refreshToken;
            }
            var answer = await _client.RedeemAsync(isCode ? OAuthGrantType.AuthorizationCode : OAuthGrantType.RefreshToken, secret, UserType, _redirectUri,
                trace, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _code = null;
                if (!string.IsNullOrEmpty(answer.RefreshToken)) _refreshToken = answer.RefreshToken;
                if (!string.IsNullOrEmpty(answer.UserType)) UserType = answer.UserType;
                if (!string.IsNullOrEmpty(answer.LocationId)) LocationId = answer.LocationId;
                if (!string.IsNullOrEmpty(answer.CompanyId)) CompanyId = answer.CompanyId;
            }
            if (!string.IsNullOrEmpty(answer.RefreshToken)) RefreshTokenRotated?.Invoke(answer.RefreshToken);
            return answer;
        }
    }
}
