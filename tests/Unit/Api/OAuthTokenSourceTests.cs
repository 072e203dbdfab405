using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using Xunit;

namespace ContactsModule.Tests.Api
{
    /// <summary>
    /// The OAuth refresh logic against a scripted HTTP server: single-flight renewal, the refresh margin, the rotated
    /// refresh token, one renewal per 401, and how refusals are mapped.
    /// </summary>
    public class OAuthTokenSourceTests
    {
        private const string ContactBody = "{\"contact\":{\"id\":\"c1\",\"email\":\"ann@example.com\",\"locationId\":\"loc\"}}";
        private const string Unauthorized = "{\"statusCode\":401,\"message\":\"Invalid token: access token is invalid\",\"error\":\"Unauthorized\"}";

        private static string TokenAnswer(string access, string refresh, int expiresIn) =>
            "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh + "\",\"expires_in\":" + expiresIn +
            ",\"token_type\":\"Bearer\",\"userType\":\"Location\",\"locationId\":\"loc\"}";

        private static RetryOptions Retry() =>
            new RetryOptions { MaxRetry = 2, RetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(10) };

        // A client id of its own per test: the rate limiter registry is keyed by it.
        private static RefreshTokenSource Source(Uri baseUri, string refreshToken = "refresh-0") =>
            new RefreshTokenSource(new OAuthClient(baseUri, new OAuthCredentials("client-" + Guid.NewGuid().ToString("N"), "client-secret-value"), "tests", Retry()),
                refreshToken, null, null, "Location");

        private static ContactsApi Client(Uri baseUri, IAccessTokenProvider tokens) =>
            new ContactsApi(new ApiSession(new ApiSessionOptions { BaseUri = baseUri, LocationId = "loc", Retry = Retry() }, tokens));

        private static bool IsTokenCall(ScriptedRequest request) => request.Method == "POST" && request.Path == "/oauth/token";

        [Fact]
        public async Task ManyConcurrentCallersShareOneRefresh()
        {
            int issued = 0;
            using var server = new ScriptedHttpServer(request =>
            {
                if (!IsTokenCall(request)) return (500, "{}");
                Thread.Sleep(300); // every caller arrives while the one refresh is in flight
                int n = Interlocked.Increment(ref issued);
                return (200, TokenAnswer("access-" + n, "refresh-" + n, 86399));
            });
            var source = Source(server.BaseUri);
            using var start = new ManualResetEventSlim(false);
            var callers = Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await source.GetAccessTokenAsync(null, CancellationToken.None).ConfigureAwait(false);
            })).ToArray();
            start.Set();
            var tokens = await Task.WhenAll(callers);
            Assert.All(tokens, token => Assert.Equal("access-1", token));
            Assert.Single(server.Received, IsTokenCall);
            Assert.Equal(1, source.Renewals);
        }

        [Fact]
        public async Task A401To20RequestsInFlightRenewsOnceAndEachIsSentAgainWithTheNewToken()
        {
            int issued = 0;
            using var server = new ScriptedHttpServer(request =>
            {
                if (IsTokenCall(request))
                {
                    int n = Interlocked.Increment(ref issued);
                    return (200, TokenAnswer("access-" + n, "refresh-" + n, 86399));
                }
                // The first token was revoked on the server: every request carrying it gets 401.
                return request.Authorization == "Bearer access-2" ? (200, ContactBody) : (401, Unauthorized);
            });
            var source = Source(server.BaseUri);
            var api = Client(server.BaseUri, source);
            var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => api.GetAsync("c1", null, CancellationToken.None))).ToArray();
            var contacts = await Task.WhenAll(calls);
            Assert.All(contacts, contact => Assert.Equal("c1", contact.Id));
            Assert.Equal(2, server.Received.Count(IsTokenCall));
            var gets = server.Received.Where(r => r.Method == "GET").ToList();
            Assert.Equal(20, gets.Count(r => r.Authorization == "Bearer access-2"));
            Assert.InRange(gets.Count(r => r.Authorization == "Bearer access-1"), 1, 20);
            Assert.DoesNotContain(gets, r => r.Authorization != "Bearer access-1" && r.Authorization != "Bearer access-2");
        }

        [Fact]
        public async Task A401ToTheNewTokenTooIsNotRenewedAgain()
        {
            int issued = 0;
            using var server = new ScriptedHttpServer(request =>
            {
                if (!IsTokenCall(request)) return (401, Unauthorized);
                int n = Interlocked.Increment(ref issued);
                return (200, TokenAnswer("access-" + n, "refresh-" + n, 86399));
            });
            var source = Source(server.BaseUri);
            var error = await Assert.ThrowsAsync<ContactsApiException>(() => Client(server.BaseUri, source).GetAsync("c1", null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Unauthorized, error.Kind);
            Assert.Equal(2, server.Received.Count(IsTokenCall));
            var gets = server.Received.Where(r => r.Method == "GET").Select(r => r.Authorization).ToList();
            Assert.Equal(new[] { "Bearer access-1", "Bearer access-2" }, gets);
        }

        [Theory]
        [InlineData(1, 100)]
        [InlineData(10, 1000)]
        [InlineData(60, 6000)]
        [InlineData(2999, 299900)]
        [InlineData(3000, 300000)]
        [InlineData(86399, 300000)]
        public void TheRefreshMarginIsATenthOfTheLifetimeAtMostFiveMinutes(int lifetimeSeconds, int marginMs)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(marginMs), OAuthTokenSource.RefreshMargin(TimeSpan.FromSeconds(lifetimeSeconds)));
        }

        [Fact]
        public async Task ATokenIsRenewedWithinItsMarginBeforeItExpires()
        {
            int issued = 0;
            using var server = new ScriptedHttpServer(request =>
            {
                if (!IsTokenCall(request)) return (500, "{}");
                int n = Interlocked.Increment(ref issued);
                return (200, TokenAnswer("access-" + n, "refresh-" + n, 2));
            });
            var source = Source(server.BaseUri);
            string first = await source.GetAccessTokenAsync(null, CancellationToken.None);
            Assert.True(source.IsFresh(first));
            Assert.Equal(first, await source.GetAccessTokenAsync(null, CancellationToken.None));
            Assert.Single(server.Received, IsTokenCall);

            // A 2 s token is renewed 0.2 s before it expires: at 1.9 s it is no longer fresh, though not yet expired.
            await Task.Delay(1900);
            Assert.False(source.IsFresh(first));
            string second = await source.GetAccessTokenAsync(null, CancellationToken.None);
            Assert.Equal("access-2", second);
            Assert.Equal(2, server.Received.Count(IsTokenCall));
        }

        [Fact]
        public async Task TheRotatedRefreshTokenReplacesTheOldOneWhichIsNeverSentAgain()
        {
            int issued = 0;
            using var server = new ScriptedHttpServer(request =>
            {
                if (!IsTokenCall(request)) return (500, "{}");
                int n = Interlocked.Increment(ref issued);
                return (200, TokenAnswer("access-" + n, "refresh-" + n, 86399));
            });
            var source = Source(server.BaseUri, "refresh-0");
            var rotated = new List<string>();
            source.RefreshTokenRotated += token => rotated.Add(token);

            string first = await source.GetAccessTokenAsync(null, CancellationToken.None);
            Assert.Equal("refresh-1", source.RefreshToken);
            await source.RenewAsync(first, null, CancellationToken.None);
            Assert.Equal("refresh-2", source.RefreshToken);
            await source.RenewAsync(await source.GetAccessTokenAsync(null, CancellationToken.None), null, CancellationToken.None);
            Assert.Equal("refresh-3", source.RefreshToken);

            Assert.Equal(new[] { "refresh-1", "refresh-2", "refresh-3" }, rotated);
            var bodies = server.Received.Where(IsTokenCall).Select(r => r.Body).ToList();
            Assert.Equal(3, bodies.Count);
            for (int i = 0; i < bodies.Count; i++)
            {
                Assert.Contains("grant_type=refresh_token", bodies[i]);
                Assert.Contains("refresh_token=refresh-" + i, bodies[i]);
                // Each refresh token is sent once: the later calls carry only the newest one.
                for (int old = 0; old < i; old++) Assert.DoesNotContain("refresh_token=refresh-" + old + "&", bodies[i] + "&");
            }
        }

        [Fact]
        public async Task TheRegistryFindsTheLiveSourceByTheRotatedRefreshToken()
        {
            int issued = 0;
            using var server = new ScriptedHttpServer(request =>
            {
                int n = Interlocked.Increment(ref issued);
                return (200, TokenAnswer("access-" + n, "refresh-" + n + "-" + Guid.NewGuid().ToString("N"), 86399));
            });
            string clientId = "client-" + Guid.NewGuid().ToString("N");
            string given = "refresh-given-" + Guid.NewGuid().ToString("N");
            var client = new OAuthClient(server.BaseUri, new OAuthCredentials(clientId, "client-secret-value"), "tests", Retry());
            var source = RefreshTokenSourceRegistry.GetOrAdd(server.BaseUri, clientId, given, () => new RefreshTokenSource(client, given, null, null, "Location"));
            await source.GetAccessTokenAsync(null, CancellationToken.None);
            string latest = source.RefreshToken;
            Assert.NotEqual(given, latest);

            // Connecting again, with the first token or with the latest, shares the live source: nothing is redeemed twice.
            Assert.Same(source, RefreshTokenSourceRegistry.GetOrAdd(server.BaseUri, clientId, given, () => throw new InvalidOperationException("made a second source")));
            Assert.Same(source, RefreshTokenSourceRegistry.GetOrAdd(server.BaseUri, clientId, latest, () => throw new InvalidOperationException("made a second source")));
            Assert.Single(server.Received, IsTokenCall);
        }

        [Theory]
        [InlineData(400, "Invalid grant: refresh token is invalid", ApiErrorKind.InvalidGrant)]
        [InlineData(400, "Location is not active", ApiErrorKind.LocationNotActive)]
        [InlineData(401, "Invalid client credentials", ApiErrorKind.InvalidClient)]
        public async Task ARefusedRefreshIsMappedAndRememberedWithoutAskingAgain(int status, string message, ApiErrorKind kind)
        {
            using var server = new ScriptedHttpServer(request =>
                (status, "{\"statusCode\":" + status + ",\"message\":\"" + message + "\",\"error\":\"Bad Request\"}"));
            var source = Source(server.BaseUri, "refresh-secret-0");
            var first = await Assert.ThrowsAsync<ContactsApiException>(() => source.GetAccessTokenAsync(null, CancellationToken.None));
            Assert.Equal(kind, first.Kind);
            Assert.Equal((int?)status, first.StatusCode);
            Assert.Contains(message, first.Message);
            Assert.DoesNotContain("refresh-secret-0", first.Message);
            Assert.DoesNotContain("client-secret-value", first.Message);

            // Other callers get the same refusal at once: a used-up refresh token is not sent again.
            var again = await Assert.ThrowsAsync<ContactsApiException>(() => source.GetAccessTokenAsync(null, CancellationToken.None));
            Assert.Equal(kind, again.Kind);
            Assert.NotSame(first, again);
            Assert.Single(server.Received);
            Assert.Equal(0, source.Renewals);
        }
    }
}
