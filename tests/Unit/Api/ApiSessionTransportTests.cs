using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    public class ApiSessionTransportTests
    {
        private static readonly Uri Base = new Uri("https://transport.test/");

        private static ApiSession Session(FakeHttpHandler handler, string token) =>
            new ApiSession(new ApiSessionOptions
            {
                BaseUri = Base,
                LocationId = "loc",
                Transport = handler,
                Retry = new RetryOptions { MaxRetry = 2, RetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(10) },
            }, token);

        private static string NewToken() => "pit-" + Guid.NewGuid();

        [Fact]
        public async Task A503IsRetriedOnceThenThe200IsReturned()
        {
            var handler = new FakeHttpHandler(n => n == 1 ? (503, "{\"message\":\"busy\"}") : (200, "{\"contact\":{\"id\":\"c1\"}}"));
            var session = Session(handler, NewToken());
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/c1"), null, CancellationToken.None);
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(2, response.Attempts);
            Assert.Contains("\"c1\"", response.Body);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task A401WithAStaticTokenIsNotRetried()
        {
            var handler = new FakeHttpHandler(n => (401, "{\"statusCode\":401,\"message\":\"Invalid token\"}"));
            var session = Session(handler, NewToken());
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/c1"), null, CancellationToken.None);
            Assert.Equal(401, response.StatusCode);
            Assert.Equal(1, response.Attempts);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task TheTokenVersionAndBodyAreSentToTheSessionsBaseUri()
        {
            var handler = new FakeHttpHandler(n => (201, "{\"contact\":{\"id\":\"c2\"}}"));
            string token = NewToken();
            var session = Session(handler, token);
            var response = await session.SendAsync(new ApiRequest(HttpMethod.Post, "/contacts/", "{\"firstName\":\"Ada\"}"), null, CancellationToken.None);
            Assert.Equal(201, response.StatusCode);
            var sent = Assert.Single(handler.Requests);
            Assert.Equal("POST", sent.Method);
            Assert.Equal(new Uri(Base, "contacts/"), sent.Uri);
            Assert.Equal("Bearer " + token, sent.Authorization);
            Assert.Equal("2021-07-28", sent.Version);
            Assert.Equal("{\"firstName\":\"Ada\"}", sent.Body);
        }

        [Fact]
        public async Task ARequestsOwnApiVersionReplacesTheSessionsVersion()
        {
            var handler = new FakeHttpHandler(n => (200, "{}"));
            var session = Session(handler, NewToken());
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "/locations/loc") { ApiVersion = "2021-04-15" }, null, CancellationToken.None);
            Assert.Equal("2021-04-15", Assert.Single(handler.Requests).Version);
        }

        [Fact]
        public async Task TheSessionReusesItsClientAcrossRequests()
        {
            // The handler is not disposed after a request: a second request through the same session still gets through.
            var handler = new FakeHttpHandler(n => (200, "{}"));
            var session = Session(handler, NewToken());
            await session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/a"), null, CancellationToken.None);
            var second = await session.SendAsync(new ApiRequest(HttpMethod.Get, "/contacts/b"), null, CancellationToken.None);
            Assert.Equal(200, second.StatusCode);
            Assert.Equal(2, handler.Requests.Count);
        }
    }
}
