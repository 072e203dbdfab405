using System;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    /// <summary>A 403 names the location the call was about, so a mistyped location id shows in the error.</summary>
    public class ContactsApiForbiddenTests
    {
        private const string Forbidden = "{\"statusCode\":403,\"message\":\"The token does not have access to this location\"}";

        private static ContactsApi Client(Uri baseUri) =>
            new ContactsApi(new ApiSession(new ApiSessionOptions
            {
                BaseUri = baseUri,
                LocationId = "session-loc",
                Retry = new RetryOptions { MaxRetry = 0, RetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(10) },
            }, "pit-" + Guid.NewGuid()));

        [Fact]
        public async Task ASearchOfAnotherLocationNamesThatLocation()
        {
            using var server = new ScriptedHttpServer((method, path, n) => (403, Forbidden));
            var search = new SearchRequest { LocationId = "mistyped-loc", PageLimit = 10 };
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).SearchAsync(search, null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Forbidden, error.Kind);
            Assert.Equal("mistyped-loc", error.LocationId);
        }

        [Fact]
        public async Task ACreateNamesThePayloadsLocation()
        {
            using var server = new ScriptedHttpServer((method, path, n) => (403, Forbidden));
            var payload = new ContactPayload { LocationId = "row-loc", Email = "ann@example.com" };
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).CreateAsync(payload, null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Forbidden, error.Kind);
            Assert.Equal("row-loc", error.LocationId);
        }

        [Fact]
        public async Task ACallWithoutALocationOfItsOwnNamesTheSessionsLocation()
        {
            using var server = new ScriptedHttpServer((method, path, n) => (403, Forbidden));
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).GetAsync("c1", null, CancellationToken.None));
            Assert.Equal("session-loc", error.LocationId);
        }
    }
}
