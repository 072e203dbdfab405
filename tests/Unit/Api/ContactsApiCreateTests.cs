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

        private static string ContactAdded(DateTime addedUtc) =>
            "{\"contact\":{\"id\":\"c1\",\"email\":\"ann@example.com\",\"locationId\":\"loc\",\"dateAdded\":\"" + addedUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") + "\"}}";

        private static string SearchHit(DateTime addedUtc) =>
            "{\"contacts\":[{\"id\":\"c1\",\"email\":\"ann@example.com\",\"locationId\":\"loc\",\"dateAdded\":\"" + addedUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") + "\"}],\"total\":1}";

        private const string NoHit = "{\"contacts\":[],\"total\":0}";

        [Fact]
        public async Task ADuplicateAnswerToOurOwnRetryResolvesToTheContactTheFirstAttemptMade()
        {
            // 503 after the contact was stored; the look-up does not see it (yet); the resend says "duplicate"; GET fetches
            // a contact created after the row was first sent, with the row's email: it is the row's own.
            var stored = DateTime.UtcNow.AddMilliseconds(50);
            using var server = new ScriptedHttpServer((method, path, n) =>
                method == "POST" && path == "/contacts/" && n == 1 ? (503, "<html>busy</html>") :
                path == "/contacts/search" ? (200, NoHit) :
                method == "POST" ? (400, Duplicate) :
                method == "GET" && path == "/contacts/c1" ? (200, ContactAdded(stored)) : (500, "{}"));
            var result = await Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None);
            Assert.True(result.Recovered);
            Assert.Equal("c1", result.Contact.Id);
            Assert.Equal(2, server.Requests.Count(r => r == "POST /contacts/"));
        }

        [Fact]
        public async Task AnExistingContactFoundAfterAFailedAttemptIsADuplicateNotTheRowsOwn()
        {
            // The contact with this email was created a day before the row: never this row's result.
            var old = DateTime.UtcNow.AddDays(-1);
            using var server = new ScriptedHttpServer((method, path, n) =>
                method == "POST" && path == "/contacts/" && n == 1 ? (502, "bad gateway") :
                path == "/contacts/search" ? (200, SearchHit(old)) :
                method == "POST" ? (400, Duplicate) :
                method == "GET" && path == "/contacts/c1" ? (200, ContactAdded(old)) : (500, "{}"));
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Duplicate, error.Kind);
            Assert.Equal("c1", error.DuplicateContactId);
        }

        [Fact]
        public async Task AFailedLookUpInALocationThatMayAllowDuplicatesIsNotSentAgain()
        {
            using var server = new ScriptedHttpServer((method, path, n) =>
                method == "POST" && path == "/contacts/" ? (503, "busy") : (503, "{}"));
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Unavailable, error.Kind);
            Assert.True(error.MayHaveTakenEffect);
            Assert.Single(server.Requests, r => r == "POST /contacts/");
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
            var stored = DateTime.UtcNow.AddMilliseconds(50);
            using var server = new ScriptedHttpServer((method, path, n) =>
                method == "POST" && path == "/contacts/" ? (502, "bad gateway") : (200, SearchHit(stored)));
            var result = await Client(server.BaseUri).CreateAsync(Ann(), null, CancellationToken.None);
            Assert.True(result.Recovered);
            Assert.Single(server.Requests, r => r == "POST /contacts/");
            Assert.Contains(server.Requests, r => r == "POST /contacts/search");
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
