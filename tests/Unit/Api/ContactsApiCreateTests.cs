using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    public class ContactsApiCreateTests
    {
        private const string Contact = "{\"contact\":{\"id\":\"c1\",\"email\":\"ann@example.com\",\"locationId\":\"loc\"}}";
        private const string Duplicate = "{\"statusCode\":400,\"message\":\"This location does not allow duplicated contacts.\",\"meta\":{\"contactId\":\"c1\",\"matchingField\":\"email\"}}";

        private static ContactsApi Client(Uri baseUri, int maxRetry = 2) =>
            new ContactsApi(new ApiSession(new ApiSessionOptions
            {
                BaseUri = baseUri,
                LocationId = "loc",
                Retry = new RetryOptions { MaxRetry = maxRetry, RetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(10) },
            }, "pit-" + Guid.NewGuid()));

        private static ContactPayload Ann() => new ContactPayload { LocationId = "loc", Email = "ann@example.com" };

        [Fact]
        public async Task ADuplicateAnswerToOurOwnRetryResolvesToTheContactTheFirstAttemptMade()
        {
            // 503 after the contact was stored; the look-up fails too; the resend says "duplicate"; GET fetches it.
            using var server = new ScriptedHttpServer((method, path, n) =>
                method == "POST" && n == 1 ? (503, "<html>busy</html>") :
                path == "/contacts/search/duplicate" ? (503, "{}") :
                method == "POST" ? (400, Duplicate) :
                method == "GET" && path == "/contacts/c1" ? (200, Contact) : (500, "{}"));
            var result = await Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None);
            Assert.True(result.Recovered);
            Assert.Equal("c1", result.Contact.Id);
            Assert.Equal(2, server.Requests.Count(r => r.StartsWith("POST /contacts/")));
        }

        [Fact]
        public async Task AGenuineDuplicateOnTheFirstAttemptStaysAnError()
        {
            using var server = new ScriptedHttpServer((method, path, n) => (400, Duplicate));
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Duplicate, error.Kind);
            Assert.Equal("c1", error.DuplicateContactId);
            Assert.Equal("email", error.MatchingField);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task AFoundContactIsNotSentAgain()
        {
            using var server = new ScriptedHttpServer((method, path, n) =>
                method == "POST" ? (502, "bad gateway") : (200, Contact));
            var result = await Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None);
            Assert.True(result.Recovered);
            Assert.Single(server.Requests, r => r.StartsWith("POST"));
            Assert.Contains(server.Requests, r => r.StartsWith("GET /contacts/search/duplicate?locationId=loc&email=ann%40example.com"));
        }

        [Fact]
        public async Task Other4xxAnswersAreNeverRetried()
        {
            using var server = new ScriptedHttpServer((method, path, n) => (422, "{\"statusCode\":422,\"message\":[\"email must be an email\"],\"error\":\"Unprocessable Entity\"}"));
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Validation, error.Kind);
            Assert.Equal(new[] { "email must be an email" }, error.ServerMessages);
            Assert.Single(server.Requests);
        }
    }
}
