using System;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Api
{
    /// <summary>A Private Integration Token (or a location access token given as is): the same token every time.</summary>
    internal sealed class StaticTokenProvider : IAccessTokenProvider
    {
        private readonly Task<string> _token;

        public StaticTokenProvider(string token)
        {
            if (string.IsNullOrEmpty(token)) throw new ArgumentException("A token is required.", nameof(token));
            _token = Task.FromResult(token);
        }

        public string LimiterIdentity => _token.Result;
        public bool CanRenew => false;
        public Task<string> GetAccessTokenAsync(IApiTrace trace, CancellationToken cancellationToken) => _token;
        public bool IsFresh(string token) => true;
        public Task RenewAsync(string rejectedToken, IApiTrace trace, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
