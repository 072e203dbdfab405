using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;
using ContactsModule.Api;

namespace ContactsModule.Session
{
    /// <summary>
    /// A connection to HighLevel: where to send, which API version, how to retry, and the credentials: a Private
    /// Integration Token (kept as a SecureString; TokenHint names only its kind and last four characters), or an OAuth
    /// app install (Location or Company) whose tokens are refreshed as needed. An agency (Company) connection reaches
    /// every location of the agency, each with its own location token and rate limiter. Secrets are never shown, and
    /// the type's serialisation (ContactsModule.types.ps1xml) leaves them out.
    /// </summary>
    public sealed class ContactsApiConnection
    {
        public const string DefaultBaseUri = "https://services.leadconnectorhq.com";
        public const string DefaultApiVersion = "2021-07-28";

        public const string LocationUserType = "Location";
        public const string CompanyUserType = "Company";

        private readonly SecureString _token;
        private readonly RefreshTokenSource _oauth;
        private readonly object _sessionLock = new object();
        private readonly ConcurrentDictionary<string, ApiSession> _locationSessions = new ConcurrentDictionary<string, ApiSession>(StringComparer.Ordinal);
        private ApiSession _session;

        internal ContactsApiConnection(SecureString token, string locationId, Uri baseUri, string apiVersion, RetryOptions retry, string userAgent)
        {
            _token = token.Copy();
            _token.MakeReadOnly();
            LocationId = locationId;
            BaseUri = baseUri;
            ApiVersion = apiVersion;
            Retry = retry;
            UserAgent = userAgent;
            ConnectedAt = DateTime.Now;
            TokenHint = MakeHint(token);
        }

        /// <summary>An OAuth install (Location or Company token source shared in the process).</summary>
        internal ContactsApiConnection(RefreshTokenSource oauth, string locationId, string companyId, Uri baseUri, string apiVersion, RetryOptions retry,
            string userAgent, string refreshTokenPath)
        {
            _oauth = oauth ?? throw new ArgumentNullException(nameof(oauth));
            UserType = oauth.UserType ?? LocationUserType;
            ClientId = oauth.Client.Credentials.ClientId;
            CompanyId = companyId;
            LocationId = locationId;
            BaseUri = baseUri;
            ApiVersion = apiVersion;
            Retry = retry;
            UserAgent = userAgent;
            RefreshTokenPath = refreshTokenPath;
            ConnectedAt = DateTime.Now;
            TokenHint = "OAuth " + UserType + " token";
        }

        /// <summary>The location rows go to when they name none (for an agency connection: optional).</summary>
        public string LocationId { get; }

        /// <summary>OAuth: Location or Company (agency); null for a Private Integration Token.</summary>
        public string UserType { get; }

        /// <summary>OAuth: the app's client id (not a secret); null for a Private Integration Token.</summary>
        public string ClientId { get; }

        /// <summary>OAuth: the agency (company) id.</summary>
        public string CompanyId { get; }

        /// <summary>OAuth: the file that keeps the latest refresh token, if any.</summary>
        public string RefreshTokenPath { get; }

        /// <summary>OAuth: the latest refresh token (each refresh replaces it), for scripts that keep it in a vault. Never serialised.</summary>
        public SecureString RefreshToken
        {
            get
            {
                string latest = _oauth?.RefreshToken;
                if (latest == null) return null;
                var secure = new SecureString();
                foreach (char c in latest) secure.AppendChar(c);
                secure.MakeReadOnly();
                return secure;
            }
        }

        /// <summary>OAuth: when the current access token of the connection's own install expires.</summary>
        public DateTime? AccessTokenExpiresAt => _oauth?.ExpiresAtUtc?.ToLocalTime();

        /// <summary>True for an agency (Company) connection: each row's LocationId gets its own location token.</summary>
        public bool IsAgency => string.Equals(UserType, CompanyUserType, StringComparison.Ordinal);

        internal RefreshTokenSource OAuth => _oauth;
        public Uri BaseUri { get; }
        public string ApiVersion { get; }
        /// <summary>"pit-…1a2b": the token's kind and last four characters, never the token.</summary>
        public string TokenHint { get; }
        public int MaxRetry => Retry.MaxRetry;
        public TimeSpan RetryDelay => Retry.RetryDelay;
        public TimeSpan Timeout => Retry.Timeout;
        public DateTime ConnectedAt { get; }
        internal RetryOptions Retry { get; }
        internal string UserAgent { get; }

        /// <summary>The client for this connection; made once, shared by every cmdlet and runspace that uses it.</summary>
        internal ContactsApi CreateApi()
        {
            if (IsAgency) return CreateApi(LocationId);
            lock (_sessionLock)
            {
                if (_session == null)
                {
                    IAccessTokenProvider tokens = _oauth ?? (IAccessTokenProvider)new StaticTokenProvider(Unprotect(_token));
                    _session = new ApiSession(Options(LocationId), tokens);
                }
                return new ContactsApi(_session);
            }
        }

        /// <summary>
        /// The client for one location. An agency connection gives each location its own session: its own location token
        /// (from /oauth/locationToken, cached and renewed) and its own rate limiter. Other connections have one session.
        /// </summary>
        internal ContactsApi CreateApi(string locationId)
        {
            if (!IsAgency) return CreateApi();
            if (string.IsNullOrEmpty(locationId))
            {
                throw new ContactsApiException(ApiErrorKind.BadRequest,
                    "This agency (Company) connection has no default location: give each row a LocationId, or connect with -LocationId.");
            }
            var session = _locationSessions.GetOrAdd(locationId, id => new ApiSession(Options(id), _oauth.ForLocation(CompanyId, id)));
            return new ContactsApi(session);
        }

        private ApiSessionOptions Options(string locationId) => new ApiSessionOptions
        {
            BaseUri = BaseUri,
            LocationId = locationId,
            ApiVersion = ApiVersion,
            UserAgent = UserAgent,
            Retry = Retry,
        };

        /// <summary>The contact custom field schemas read through this connection, per location (Get-ContactCustomField -Refresh re-reads).</summary>
        internal CustomFieldSchemaCache CustomFieldSchemas { get; } = new CustomFieldSchemaCache();

        internal RateLimiter Limiter => CreateApi().Session.Limiter;

        /// <summary>A per-row run starts: every session of this connection (an agency's per-location ones too) starts fresh.</summary>
        internal void BeginRun()
        {
            foreach (var session in Sessions()) session.BeginRun();
        }

        /// <summary>Any other cmdlet starts: a token rejection seen by an earlier run does not refuse its calls.</summary>
        internal void BeginCall()
        {
            foreach (var session in Sessions()) session.BeginCall();
        }

        private List<ApiSession> Sessions()
        {
            var sessions = new List<ApiSession>(_locationSessions.Values);
            lock (_sessionLock)
            {
                if (_session != null) sessions.Add(_session);
            }
            return sessions;
        }

        public override string ToString() => IsAgency
            ? string.Format(CultureInfo.InvariantCulture, "HighLevel agency {0} at {1} (API {2}, {3}, app {4})", CompanyId, BaseUri, ApiVersion, TokenHint, ClientId)
            : string.Format(CultureInfo.InvariantCulture, "HighLevel location {0} at {1} (API {2}, token {3})", LocationId, BaseUri, ApiVersion, TokenHint);

        private static string MakeHint(SecureString token)
        {
            string plain = Unprotect(token);
            string kind = plain.StartsWith("pit-", StringComparison.OrdinalIgnoreCase) ? "pit-" : string.Empty;
            return plain.Length >= 16 ? kind + "…" + plain.Substring(plain.Length - 4) : kind + "…";
        }

        private static string Unprotect(SecureString secure)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
