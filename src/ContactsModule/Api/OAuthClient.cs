using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>
    /// HighLevel's OAuth calls: /oauth/token (form-encoded), /oauth/locationToken and /oauth/installedLocations (agency
    /// token). Secrets travel in form bodies only and never reach a message, a trace line or an exception.
    /// </summary>
    internal sealed class OAuthClient
    {
        /// <summary>The only version the agency endpoints accept.</summary>
        public const string AgencyApiVersion = "2021-07-28";

        private readonly OAuthCredentials _credentials;
        private readonly Uri _baseUri;
        private readonly string _userAgent;
        private readonly RetryOptions _retry;

        public OAuthClient(Uri baseUri, OAuthCredentials credentials, string userAgent, RetryOptions retry)
        {
            _baseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _userAgent = userAgent ?? "ContactsModule";
            _retry = retry ?? new RetryOptions();
        }

        public OAuthCredentials Credentials => _credentials;
        public Uri BaseUri => _baseUri;

        /// <summary>
        /// POST /oauth/token. Sent once: a refresh whose answer was lost may already have used up the refresh token, and
        /// sending the old one again could only be refused.
        /// </summary>
        public async Task<OAuthTokenResponse> RedeemAsync(OAuthGrantType grant, string secret, string userType, string redirectUri,
            IApiTrace trace, CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("client_id", _credentials.ClientId),
                new KeyValuePair<string, string>("client_secret", _credentials.ClientSecret),
            };
            if (grant == OAuthGrantType.RefreshToken)
            {
                form.Add(new KeyValuePair<string, string>("grant_type", "refresh_token"));
                form.Add(new KeyValuePair<string, string>("refresh_token", secret));
            }
            else
            {
                form.Add(new KeyValuePair<string, string>("grant_type", "authorization_code"));
                form.Add(new KeyValuePair<string, string>("code", secret));
                if (!string.IsNullOrEmpty(redirectUri)) form.Add(new KeyValuePair<string, string>("redirect_uri", redirectUri));
            }
            if (!string.IsNullOrEmpty(userType)) form.Add(new KeyValuePair<string, string>("user_type", userType));
            var answer = await SendAsync(HttpMethod.Post, "/oauth/token", null, form, trace, retry: false, cancellationToken).ConfigureAwait(false);
            return ReadToken(answer, "/oauth/token");
        }

        /// <summary>POST /oauth/locationToken: a location's access token from the agency token.</summary>
        public async Task<OAuthTokenResponse> LocationTokenAsync(string agencyToken, string companyId, string locationId, IApiTrace trace, CancellationToken cancellationToken)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("companyId", companyId),
                new KeyValuePair<string, string>("locationId", locationId),
            };
            var answer = await SendAsync(HttpMethod.Post, "/oauth/locationToken", agencyToken, form, trace, retry: true, cancellationToken).ConfigureAwait(false);
            return ReadToken(answer, "/oauth/locationToken");
        }

        /// <summary>GET /oauth/installedLocations: one page of the locations where the app is installed.</summary>
        public async Task<InstalledLocationsPage> InstalledLocationsAsync(string agencyToken, string companyId, string appId, int skip, int limit,
            IApiTrace trace, CancellationToken cancellationToken)
        {
            string path = string.Format(CultureInfo.InvariantCulture, "/oauth/installedLocations?companyId={0}&appId={1}&skip={2}&limit={3}&isInstalled=true",
                Uri.EscapeDataString(companyId), Uri.EscapeDataString(appId), skip, limit);
            var answer = await SendAsync(HttpMethod.Get, path, agencyToken, null, trace, retry: true, cancellationToken).ConfigureAwait(false);
            var page = new InstalledLocationsPage();
            try
            {
                using (var doc = JsonDocument.Parse(answer.Body))
                {
                    var root = doc.RootElement;
                    if (root.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number) page.Count = count.GetInt32();
                    if (root.TryGetProperty("locations", out var array) && array.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in array.EnumerateArray())
                        {
                            page.Locations.Add(new InstalledLocation
                            {
                                LocationId = Text(item, "_id") ?? Text(item, "id"),
                                Name = Text(item, "name"),
                                Address = Text(item, "address"),
                                IsInstalled = item.TryGetProperty("isInstalled", out var installed) && (installed.ValueKind == JsonValueKind.True || installed.ValueKind == JsonValueKind.False)
                                    ? installed.GetBoolean() : (bool?)null,
                                CompanyId = companyId,
                            });
                        }
                    }
                }
            }
            catch (JsonException ex)
            {
                throw Unreadable(path, ex);
            }
            return page;
        }

        private async Task<ApiResponse> SendAsync(HttpMethod method, string path, string bearer, List<KeyValuePair<string, string>> form,
            IApiTrace trace, bool retry, CancellationToken cancellationToken)
        {
            trace = trace ?? NullApiTrace.Instance;
            string shownPath = path.Split('?')[0];
            for (int attempt = 1; ; attempt++)
            {
                var watch = Stopwatch.StartNew();
                string failure;
                ApiResponse response = null;
                Exception error = null;
                using (var message = new HttpRequestMessage(method, new Uri(_baseUri, path.TrimStart('/'))))
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    if (bearer != null)
                    {
                        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                        message.Headers.Add("Version", AgencyApiVersion);
                    }
                    message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
                    if (form != null) message.Content = new FormUrlEncodedContent(form);
                    timeout.CancelAfter(_retry.Timeout);
                    try
                    {
                        using (var answer = await SharedHttpClient.Instance.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                        {
                            string body = answer.Content == null ? null : await answer.Content.ReadAsStringAsync().ConfigureAwait(false);
                            response = new ApiResponse { StatusCode = (int)answer.StatusCode, Body = body, Elapsed = watch.Elapsed, Attempts = attempt };
                            trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} {3} ({4} ms)",
                                method.Method, shownPath, response.StatusCode, answer.ReasonPhrase, watch.ElapsedMilliseconds));
                        }
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex) when (ex is OperationCanceledException || ex is HttpRequestException)
                    {
                        error = ex;
                    }
                }
                if (response != null)
                {
                    if (response.IsSuccess) return response;
                    bool transient = response.StatusCode == 429 || response.StatusCode >= 500;
                    if (!transient || !retry || attempt > _retry.MaxRetry) throw ToException(method, shownPath, response);
                    failure = response.StatusCode.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    failure = error is OperationCanceledException ? "timed out" : "connection failed: " + (error.InnerException ?? error).Message;
                    trace.Verbose(method.Method + " " + shownPath + " -> " + failure);
                    if (!retry || attempt > _retry.MaxRetry)
                    {
                        throw new ContactsApiException(ApiErrorKind.Unavailable,
                            string.Format(CultureInfo.InvariantCulture, "{0} {1} failed after {2} attempt(s): {3}.", method.Method, shownPath, attempt, failure), error)
                        { Method = method.Method, Path = shownPath, Attempts = attempt };
                    }
                }
                var delay = ApiSession.Backoff(_retry, attempt);
                trace.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} failed ({2}); retry {3} of {4} in {5:0.0} s.",
                    method.Method, shownPath, failure, attempt, _retry.MaxRetry, delay.TotalSeconds));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Maps an OAuth refusal to its kind: "Invalid grant", "Location is not active", a refused client, a refused token.</summary>
        internal static ContactsApiException ToException(HttpMethod method, string path, ApiResponse response)
        {
            var body = ApiErrorBody.TryParse(response.Body);
            string server = body?.Messages != null && body.Messages.Length > 0 ? string.Join("; ", body.Messages) : null;
            ApiErrorKind kind;
            if (server != null && server.IndexOf("Location is not active", StringComparison.OrdinalIgnoreCase) >= 0) kind = ApiErrorKind.LocationNotActive;
            else if (server != null && server.StartsWith("Invalid grant", StringComparison.OrdinalIgnoreCase)) kind = ApiErrorKind.InvalidGrant;
            else if (response.StatusCode == 401 && path == "/oauth/token") kind = ApiErrorKind.InvalidClient;
            else if (response.StatusCode == 401) kind = ApiErrorKind.Unauthorized;
            else if (response.StatusCode == 403) kind = ApiErrorKind.Forbidden;
            else if (response.StatusCode == 422) kind = ApiErrorKind.Validation;
            else if (response.StatusCode == 429 || response.StatusCode >= 500) kind = ApiErrorKind.Unavailable;
            else kind = ApiErrorKind.BadRequest;
            string message = string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2}{3}", method.Method, path, response.StatusCode,
                server != null ? ": " + server : string.Empty);
            return new ContactsApiException(kind, message)
            {
                StatusCode = response.StatusCode,
                Method = method.Method,
                Path = path,
                ServerMessages = server != null ? body.Messages : new string[0],
                TraceId = body?.TraceId,
                Attempts = response.Attempts,
            };
        }

        private static OAuthTokenResponse ReadToken(ApiResponse response, string path)
        {
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    var root = doc.RootElement;
                    var token = new OAuthTokenResponse
                    {
                        AccessToken = Text(root, "access_token"),
                        RefreshToken = Text(root, "refresh_token"),
                        UserType = Text(root, "userType"),
                        LocationId = Text(root, "locationId"),
                        CompanyId = Text(root, "companyId"),
                        Scope = Text(root, "scope"),
                        ExpiresInSeconds = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number ? expires.GetDouble() : 86399,
                    };
                    if (string.IsNullOrEmpty(token.AccessToken)) throw Unreadable(path, null);
                    return token;
                }
            }
            catch (JsonException ex)
            {
                throw Unreadable(path, ex);
            }
        }

        private static ContactsApiException Unreadable(string path, Exception inner) =>
            new ContactsApiException(ApiErrorKind.InvalidResponse, path + " answered 2xx with a body that is not the expected JSON (no access_token).", inner) { Path = path };

        private static string Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
