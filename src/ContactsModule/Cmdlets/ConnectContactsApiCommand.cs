using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Net;
using System.Reflection;
using System.Security;
using ContactsModule.Api;
using ContactsModule.Session;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Connects to the HighLevel Contacts API: one location with a Private Integration Token, or an
    /// OAuth app install (a location, or an agency and all its locations).</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "ContactsApi")]
    [OutputType(typeof(ContactsApiConnection))]
    public sealed class ConnectContactsApiCommand : PSCmdlet
    {
        public const string TokenVariable = "HIGHLEVEL_API_TOKEN";
        public const string LocationVariable = "HIGHLEVEL_LOCATION_ID";
        public const string ClientIdVariable = "HIGHLEVEL_CLIENT_ID";
        public const string ClientSecretVariable = "HIGHLEVEL_CLIENT_SECRET";
        public const string RefreshTokenVariable = "HIGHLEVEL_REFRESH_TOKEN";

        /// <summary>A Private Integration Token (pit-...) or location access token. Default: $env:HIGHLEVEL_API_TOKEN.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public SecureString Token { get; set; }

        /// <summary>The location (sub-account) id. Default: $env:HIGHLEVEL_LOCATION_ID.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string LocationId { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri BaseUri { get; set; } = new Uri(ContactsApiConnection.DefaultBaseUri);

        /// <summary>2021-07-28 (default), 2021-04-15 or 2023-02-21; a later yyyy-MM-dd is accepted with a warning.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContactsModule.Completion.ApiVersionCompleter))]
        public string ApiVersion { get; set; } = ContactsApiConnection.DefaultApiVersion;

        /// <summary>Retries after the first attempt of a call that failed with 429, 5xx, a timeout or a broken connection.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetry { get; set; } = 5;

        /// <summary>Seconds before the first retry; each next retry waits about twice as long.</summary>
        [Parameter]
        [ValidateRange(0.0, 300.0)]
        public double RetryDelay { get; set; } = 1.0;

        /// <summary>Seconds one attempt may take.</summary>
        [Parameter]
        [ValidateRange(1.0, 3600.0)]
        public double Timeout { get; set; } = 100.0;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>OAuth: the Marketplace app's client id. Default: $env:HIGHLEVEL_CLIENT_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>OAuth: the app's client secret. Default: $env:HIGHLEVEL_CLIENT_SECRET.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>OAuth: a refresh token of the install. Default: the -RefreshTokenPath file, then $env:HIGHLEVEL_REFRESH_TOKEN.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString RefreshToken { get; set; }

        /// <summary>OAuth: an authorization code from the app's redirect, redeemed once instead of a refresh token.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString AuthorizationCode { get; set; }

        /// <summary>OAuth: the redirect URI the authorization code was issued for.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string RedirectUri { get; set; }

        /// <summary>OAuth: Location (a sub-account install) or Company (an agency install). Default: what the token is.</summary>
        [Parameter]
        [ValidateSet(ContactsApiConnection.LocationUserType, ContactsApiConnection.CompanyUserType)]
        public string UserType { get; set; }

        /// <summary>OAuth agency: the company id. Default: the one the token names.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CompanyId { get; set; }

        /// <summary>OAuth: a file that keeps the latest refresh token (owner-only, replaced atomically at every refresh).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string RefreshTokenPath { get; set; }

        private bool OAuthRequested =>
            ClientId != null || ClientSecret != null || RefreshToken != null || AuthorizationCode != null || RefreshTokenPath != null ||
            (Token == null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TokenVariable)) &&
             !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ClientIdVariable)));

        protected override void EndProcessing()
        {
            if (Token != null && (ClientId != null || ClientSecret != null || RefreshToken != null || AuthorizationCode != null || RefreshTokenPath != null))
            {
                Fail("-Token (a Private Integration Token) cannot be combined with the OAuth parameters (-ClientId, -ClientSecret, -RefreshToken, -AuthorizationCode, -RefreshTokenPath). Use one or the other.",
                    ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument);
            }
            if (OAuthRequested)
            {
                ConnectOAuth();
                return;
            }
            var token = Token ?? FromEnvironment(TokenVariable);
            if (token == null || token.Length == 0)
            {
                Fail("No token given. Pass -Token (a SecureString), or set the environment variable " + TokenVariable + ".", ErrorIds.TokenMissing, ErrorCategory.AuthenticationError);
            }
            string invalid = TokenText.FindInvalidCharacter(token);
            if (invalid != null)
            {
                Fail("The token contains " + invalid + ", which cannot be sent in an HTTP header. This usually comes from copying the token " +
                     "out of a web page, chat or document: invisible characters (non-breaking or zero-width spaces, line breaks) came along. " +
                     "Copy the token again, or type it, and run Connect-ContactsApi again.", ErrorIds.TokenInvalid, ErrorCategory.InvalidArgument);
            }
            string locationId = LocationId ?? Environment.GetEnvironmentVariable(LocationVariable);
            if (string.IsNullOrWhiteSpace(locationId))
            {
                Fail("No location id given. Pass -LocationId, or set the environment variable " + LocationVariable + ".", ErrorIds.LocationMissing, ErrorCategory.InvalidArgument);
            }
            var baseUri = CheckedBaseUri();
            var retry = Retry();
            var connection = new ContactsApiConnection(token, locationId.Trim(), baseUri, CheckedApiVersion(), retry, UserAgent());
            // A fresh connect may try again after a day's quota was reported used up.
            connection.Limiter.ResetForNewConnection();
            ConnectionState.Current = connection;
            WriteVerbose("Connected to location " + connection.LocationId + " at " + connection.BaseUri + " with token " + connection.TokenHint + ".");
            if (PassThru) WriteObject(connection);
        }

        private Uri CheckedBaseUri()
        {
            if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
            {
                Fail("-BaseUri must be an absolute https:// address, such as " + ContactsApiConnection.DefaultBaseUri + ".", ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument);
            }
            if (BaseUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(BaseUri))
            {
                Fail("Refusing to send the token over plain http:// to " + BaseUri.Host + ". Use https://; http:// is allowed only for a local test server (localhost, 127.0.0.1, ::1).", ErrorIds.InvalidConnection, ErrorCategory.SecurityError);
            }
            return BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/");
        }

        /// <summary>The -ApiVersion to send: a tested version, or a later date (with a warning); anything else fails.</summary>
        private string CheckedApiVersion()
        {
            string version = ApiVersion.Trim();
            if (!ApiVersionText.IsTested(version))
            {
                if (!ApiVersionText.IsLaterDate(version))
                {
                    Fail("-ApiVersion '" + version + "' is not accepted: give " + string.Join(", ", ApiVersionText.Tested) +
                         ", or a later date written yyyy-MM-dd. " +
                         (ApiVersionText.IsNamed(version)
                             ? "Named versions such as v3 rename fields the cmdlets write; send single requests with Invoke-ContactsApiRequest -ApiVersion " + version + "."
                             : "Earlier dates are not HighLevel versions."),
                        ErrorIds.VersionInvalid, ErrorCategory.InvalidArgument);
                }
                WriteWarning("API version " + version + " is newer than the versions the cmdlets were tested with (" +
                             string.Join(", ", ApiVersionText.Tested) + "): they read and write the shapes of those versions, so fields HighLevel renamed in " +
                             version + " may be missed or refused.");
            }

            return version;
        }

        private RetryOptions Retry() => new RetryOptions
        {
            MaxRetry = MaxRetry,
            RetryDelay = TimeSpan.FromSeconds(RetryDelay),
            Timeout = TimeSpan.FromSeconds(Timeout),
        };

        /// <summary>
        /// OAuth: redeems the refresh token (or code) at once, so a refused secret or grant fails here, and keeps the new
        /// refresh token (in the connection, and in -RefreshTokenPath when given).
        /// </summary>
        private void ConnectOAuth()
        {
            string clientId = ClientId ?? Environment.GetEnvironmentVariable(ClientIdVariable)?.Trim();
            if (string.IsNullOrEmpty(clientId))
                Fail("No OAuth client id given. Pass -ClientId, or set the environment variable " + ClientIdVariable + ".", ErrorIds.OAuthCredentialsMissing, ErrorCategory.AuthenticationError);
            string secret = ClientSecret != null ? Plain(ClientSecret) : Environment.GetEnvironmentVariable(ClientSecretVariable)?.Trim();
            if (string.IsNullOrEmpty(secret))
                Fail("No OAuth client secret given. Pass -ClientSecret (a SecureString), or set the environment variable " + ClientSecretVariable + ".", ErrorIds.OAuthCredentialsMissing, ErrorCategory.AuthenticationError);

            string path = RefreshTokenPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(RefreshTokenPath);
            string refresh = RefreshToken != null ? Plain(RefreshToken) : null;
            if (refresh == null && AuthorizationCode == null && path != null)
            {
                try
                {
                    refresh = RefreshTokenFile.Read(path);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Fail("Could not read the refresh token file " + path + ": " + ex.Message, ErrorIds.RefreshTokenFileFailed, ErrorCategory.ReadError);
                }
                if (refresh == null)
                    Fail("The refresh token file " + path + " does not exist or is empty. Pass -RefreshToken once with -RefreshTokenPath: the module then keeps the latest refresh token in the file.",
                        ErrorIds.OAuthCredentialsMissing, ErrorCategory.AuthenticationError);
            }
            if (refresh == null && AuthorizationCode == null) refresh = Environment.GetEnvironmentVariable(RefreshTokenVariable)?.Trim();
            if (string.IsNullOrEmpty(refresh) && AuthorizationCode == null)
                Fail("No OAuth refresh token given. Pass -RefreshToken (a SecureString) or -RefreshTokenPath, or set the environment variable " + RefreshTokenVariable + ".",
                    ErrorIds.OAuthCredentialsMissing, ErrorCategory.AuthenticationError);

            var baseUri = CheckedBaseUri();
            var retry = Retry();
            string apiVersion = CheckedApiVersion();
            var client = new OAuthClient(baseUri, new OAuthCredentials(clientId, secret), UserAgent(), retry);
            RefreshTokenSource source;
            if (AuthorizationCode != null)
            {
                source = new RefreshTokenSource(client, null, Plain(AuthorizationCode), RedirectUri, UserType);
                RefreshTokenSourceRegistry.Track(baseUri, clientId, source);
            }
            else
            {
                source = RefreshTokenSourceRegistry.GetOrAdd(baseUri, clientId, refresh, () => new RefreshTokenSource(client, refresh, null, null, UserType));
            }
            if (path != null) RefreshTokenFile.KeepLatest(source, path);
            source.ForgetRefusal();

            var trace = new PipelineTrace();
            var first = source.GetAccessTokenAsync(trace, CancellationToken.None);
            while (!ContactsApiCmdlet.WaitQuietly(first, 100)) FlushTrace(trace);
            FlushTrace(trace);
            try
            {
                first.GetAwaiter().GetResult();
            }
            catch (ContactsApiException ex)
            {
                ThrowTerminatingError(ContactErrors.FromApi(ex, "Connect-ContactsApi", null));
            }
            if (path != null)
            {
                try
                {
                    // The source may have been shared with an earlier connection: the file gets its latest token too.
                    if (RefreshTokenFile.Read(path) != source.RefreshToken) RefreshTokenFile.Write(path, source.RefreshToken);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Fail("Could not write the refresh token file " + path + ": " + ex.Message, ErrorIds.RefreshTokenFileFailed, ErrorCategory.WriteError);
                }
            }

            bool agency = string.Equals(source.UserType, ContactsApiConnection.CompanyUserType, StringComparison.Ordinal);
            string locationId = LocationId ?? (agency ? null : source.LocationId) ?? Environment.GetEnvironmentVariable(LocationVariable)?.Trim();
            string companyId = CompanyId ?? source.CompanyId;
            if (agency && string.IsNullOrEmpty(companyId))
                Fail("The agency token names no company. Pass -CompanyId.", ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument);
            if (!agency && string.IsNullOrEmpty(locationId))
                Fail("The location token names no location. Pass -LocationId, or set the environment variable " + LocationVariable + ".", ErrorIds.LocationMissing, ErrorCategory.InvalidArgument);

            var connection = new ContactsApiConnection(source, string.IsNullOrEmpty(locationId) ? null : locationId.Trim(), companyId, baseUri, apiVersion, retry, UserAgent(), path);
            if (connection.LocationId != null && !connection.IsAgency) connection.Limiter.ResetForNewConnection();
            ConnectionState.Current = connection;
            WriteVerbose(connection.IsAgency
                ? "Connected to agency " + connection.CompanyId + " at " + connection.BaseUri + " with app " + connection.ClientId + (connection.LocationId != null ? "; default location " + connection.LocationId : string.Empty) + "."
                : "Connected to location " + connection.LocationId + " at " + connection.BaseUri + " with app " + connection.ClientId + ".");
            if (PassThru) WriteObject(connection);
        }

        private void FlushTrace(PipelineTrace trace)
        {
            while (trace.TryDequeue(out var line))
            {
                if (line.IsDebug) WriteDebug(line.Message);
                else WriteVerbose(line.Message);
            }
        }

        private static string Plain(SecureString secure)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(secure);
                return System.Runtime.InteropServices.Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero) System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private static SecureString FromEnvironment(string name)
        {
            string value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value)) return null;
            var secure = new SecureString();
            foreach (char c in value.Trim()) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

        private string UserAgent()
        {
            var version = typeof(ConnectContactsApiCommand).Assembly.GetName().Version;
            object psVersion = null;
            try
            {
                var table = SessionState.PSVariable.GetValue("PSVersionTable") as System.Collections.Hashtable;
                psVersion = table?["PSVersion"];
            }
            catch (PSInvalidOperationException)
            {
            }
            return "ContactsModule/" + version.ToString(3) + (psVersion != null ? " PowerShell/" + psVersion : string.Empty);
        }

        private void Fail(string message, string errorId, ErrorCategory category)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, null));
        }
    }
}
