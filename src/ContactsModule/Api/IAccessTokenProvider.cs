using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>
    /// Where an ApiSession gets the bearer token of each attempt: a static Private Integration Token, or an OAuth access
    /// token that is refreshed before it expires and after a 401. Shared by every session and runspace of a connection.
    /// </summary>
    internal interface IAccessTokenProvider
    {
        /// <summary>What the rate limiter is keyed by: the token itself for a Private Integration, the app for OAuth.</summary>
        string LimiterIdentity { get; }

        /// <summary>True when a 401 may be answered by getting a new token (OAuth).</summary>
        bool CanRenew { get; }

        /// <summary>A token to send now; refreshes first (once, for every caller) when it is close to expiring.</summary>
        Task<string> GetAccessTokenAsync(IApiTrace trace, CancellationToken cancellationToken);

        /// <summary>False once the token has come within the refresh margin of its expiry (or been replaced).</summary>
        bool IsFresh(string token);

        /// <summary>After a 401 to <paramref name="rejectedToken"/>: gets a new token unless another caller already did.</summary>
        Task RenewAsync(string rejectedToken, IApiTrace trace, CancellationToken cancellationToken);
    }
}
