using System;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// A location's access token obtained from the agency (Company) token with POST /oauth/locationToken, kept for its
    /// lifetime and fetched again before it expires. A 401 to the agency token renews that token once and asks again.
    /// </summary>
    internal sealed class LocationTokenSource : OAuthTokenSource
    {
        private readonly RefreshTokenSource _agency;
        private readonly string _companyId;

        public LocationTokenSource(RefreshTokenSource agency, string companyId, string locationId)
        {
            _agency = agency ?? throw new ArgumentNullException(nameof(agency));
            _companyId = companyId;
            LocationId = locationId;
        }

        public string LocationId { get; }

        /// <summary>The app's budget at this location: the same as any other token of the app.</summary>
        public override string LimiterIdentity => _agency.LimiterIdentity;

        protected override string Describe => "location " + LocationId + " (from the agency token)";

        protected override async Task<OAuthTokenResponse> FetchAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            string agencyToken = await _agency.GetAccessTokenAsync(trace, cancellationToken).ConfigureAwait(false);
            try
            {
                return await _agency.Client.LocationTokenAsync(agencyToken, _companyId, LocationId, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Unauthorized)
            {
                trace?.Verbose("OAuth: /oauth/locationToken answered 401 to the agency token; renewing it and asking again.");
                await _agency.RenewAsync(agencyToken, trace, cancellationToken).ConfigureAwait(false);
                agencyToken = await _agency.GetAccessTokenAsync(trace, cancellationToken).ConfigureAwait(false);
                return await _agency.Client.LocationTokenAsync(agencyToken, _companyId, LocationId, trace, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
