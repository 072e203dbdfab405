using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    public class ApiSessionRejectionTests
    {
        private const string Invalid = "{\"statusCode\":401,\"message\":\"Invalid token: access token is invalid\"}";

        private static ApiSession Session(Uri baseUri) =>
            new ApiSession(new ApiSessionOptions
            {
                BaseUri = baseUri,
                LocationId = "loc",
                Retry = new RetryOptions { MaxRetry = 2, RetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(10) },
            }, "pit-" + Guid.NewGuid());

        [Fact]
        public async Task ARejectedTokenStopsTheRequestsWaitingBehindIt()
        {
            // A token new to the process: its limiter lets one request go alone until the first answer. That answer is
            // a 401 (with rate-limit headers, which would let the rest go): none of the waiting requests may leave.
            using var server = new ScriptedHttpServer((method, path, n) => (401, Invalid));
            var session = Session(server.BaseUri);
            var sends = Enumerable.Range(1, 8)
                .Select(i => session.SendAsync(new ApiRequest(HttpMethod.Post, "/contacts/", "{\"firstName\":\"Row" + i + "\"}"), null, CancellationToken.None))
                .ToList();
            int answered = 0, refused = 0;
            foreach (var send in sends)
            {
                try
                {
                    var response = await send;
                    Assert.Equal(401, response.StatusCode);
                    answered++;
                }
                catch (ContactsApiException ex)
                {
                    Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
                    Assert.Contains("was not sent", ex.Message);
                    Assert.False(ex.MayHaveTakenEffect);
                    refused++;
                }
            }
            Assert.Equal(1, answered);
            Assert.Equal(7, refused);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task ANewRunOrCallSendsAgainAfterARejection()
        {
            using var server = new ScriptedHttpServer((method, path, n) => n == 1 ? (401, Invalid) : (200, "{}"));
            var session = Session(server.BaseUri);
            var first = await session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/a"), null, CancellationToken.None);
            Assert.Equal(401, first.StatusCode);
            await Assert.ThrowsAsync<ContactsApiException>(() => session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/b"), null, CancellationToken.None));
            session.BeginCall();
            var again = await session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/c"), null, CancellationToken.None);
            Assert.Equal(200, again.StatusCode);
            Assert.Equal(2, server.Requests.Count);
        }
    }
}
