using System;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Security;
using ContactsModule.Api;
using ContactsModule.Session;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Connects to the HighLevel Contacts API for one location.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "ContactsApi")]
    [OutputType(typeof(ContactsApiConnection))]
    public sealed class ConnectContactsApiCommand : PSCmdlet
    {
        public const string TokenVariable = "HIGHLEVEL_API_TOKEN";
        public const string LocationVariable = "HIGHLEVEL_LOCATION_ID";

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

        protected override void EndProcessing()
        {
            var token = Token ?? FromEnvironment(TokenVariable);
            if (token == null || token.Length == 0)
            {
                Fail("No token given. Pass -Token (a SecureString), or set the environment variable " + TokenVariable + ".", "ContactsApiTokenMissing", ErrorCategory.AuthenticationError);
            }
            string locationId = LocationId ?? Environment.GetEnvironmentVariable(LocationVariable);
            if (string.IsNullOrWhiteSpace(locationId))
            {
                Fail("No location id given. Pass -LocationId, or set the environment variable " + LocationVariable + ".", "ContactsApiLocationMissing", ErrorCategory.InvalidArgument);
            }
            if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
            {
                Fail("-BaseUri must be an absolute https:// address, such as " + ContactsApiConnection.DefaultBaseUri + ".", ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument);
            }
            if (BaseUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(BaseUri))
            {
                Fail("Refusing to send the token over plain http:// to " + BaseUri.Host + ". Use https://; http:// is allowed only for a local test server (localhost, 127.0.0.1, ::1).", ErrorIds.InvalidConnection, ErrorCategory.SecurityError);
            }

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

            var retry = new RetryOptions
            {
                MaxRetry = MaxRetry,
                RetryDelay = TimeSpan.FromSeconds(RetryDelay),
                Timeout = TimeSpan.FromSeconds(Timeout),
            };
            var baseUri = BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/");
            var connection = new ContactsApiConnection(token, locationId.Trim(), baseUri, version, retry, UserAgent());
            // A fresh connect may try again after a day's quota was reported used up.
            connection.Limiter.ClearDailyQuotaExhaustion();
            ConnectionState.Current = connection;
            WriteVerbose("Connected to location " + connection.LocationId + " at " + connection.BaseUri + " with token " + connection.TokenHint + ".");
            if (PassThru) WriteObject(connection);
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
