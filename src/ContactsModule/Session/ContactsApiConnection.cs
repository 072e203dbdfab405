using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;
using ContactsModule.Api;

namespace ContactsModule.Session
{
    /// <summary>
    /// A connection to one HighLevel location: where to send, which API version, how to retry. The token is
    /// kept as a SecureString and is never shown: TokenHint names only its kind and last four characters.
    /// </summary>
    public sealed class ContactsApiConnection
    {
        public const string DefaultBaseUri = "https://services.leadconnectorhq.com";
        public const string DefaultApiVersion = "2021-07-28";

        private readonly SecureString _token;
        private readonly object _sessionLock = new object();
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

        public string LocationId { get; }
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
            lock (_sessionLock)
            {
                if (_session == null)
                {
                    var options = new ApiSessionOptions
                    {
                        BaseUri = BaseUri,
                        LocationId = LocationId,
                        ApiVersion = ApiVersion,
                        UserAgent = UserAgent,
                        Retry = Retry,
                    };
                    _session = new ApiSession(options, Unprotect(_token));
                }
                return new ContactsApi(_session);
            }
        }

        internal RateLimiter Limiter => CreateApi().Session.Limiter;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "HighLevel location {0} at {1} (API {2}, token {3})", LocationId, BaseUri, ApiVersion, TokenHint);

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
