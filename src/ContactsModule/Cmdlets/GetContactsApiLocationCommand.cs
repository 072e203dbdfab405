using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Lists the locations (sub-accounts) an agency (Company) OAuth connection can reach.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContactsApiLocation")]
    [OutputType(typeof(InstalledLocation))]
    public sealed class GetContactsApiLocationCommand : ContactsApiCmdlet
    {
        private const int PageSize = 100;

        /// <summary>Only locations whose name contains this text.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>The app id; default: the part of the client id before its first '-' (HighLevel's client ids are "appId-suffix").</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string AppId { get; set; }

        protected override void EndProcessing()
        {
            var connection = ActiveConnection;
            if (!connection.IsAgency)
            {
                string message = "Get-ContactsApiLocation needs an agency (Company) OAuth connection: this connection is " +
                                 (connection.UserType == null ? "a Private Integration Token" : "a Location token") + " of location " + connection.LocationId + ".";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.InvalidConnection, ErrorCategory.InvalidOperation, null)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = "Connect with the agency's refresh token: Connect-ContactsApi -ClientId <id> -ClientSecret <secret> -RefreshToken <agency token> -UserType Company.",
                    },
                });
            }
            var agency = connection.OAuth;
            string appId = AppId ?? agency.Client.Credentials.AppId;
            int skip = 0;
            while (true)
            {
                InstalledLocationsPage page;
                try
                {
                    int from = skip;
                    page = Run(ct => PageAsync(agency, connection.CompanyId, appId, from, ct));
                }
                catch (ContactsApiException ex)
                {
                    ThrowTerminatingError(ContactErrors.FromApi(ex, "Get-ContactsApiLocation", null));
                    return;
                }
                foreach (var location in page.Locations)
                {
                    if (Name == null || (location.Name ?? string.Empty).IndexOf(Name, StringComparison.OrdinalIgnoreCase) >= 0) WriteObject(location);
                }
                skip += page.Locations.Count;
                if (page.Locations.Count < PageSize || (page.Count.HasValue && skip >= page.Count.Value)) break;
            }
        }

        private async Task<InstalledLocationsPage> PageAsync(RefreshTokenSource agency, string companyId, string appId, int skip, CancellationToken cancellationToken)
        {
            string token = await agency.GetAccessTokenAsync(Trace, cancellationToken).ConfigureAwait(false);
            try
            {
                return await agency.Client.InstalledLocationsAsync(token, companyId, appId, skip, PageSize, Trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Unauthorized)
            {
                Trace.Verbose("OAuth: /oauth/installedLocations answered 401 to the agency token; renewing it and asking again.");
                await agency.RenewAsync(token, Trace, cancellationToken).ConfigureAwait(false);
                token = await agency.GetAccessTokenAsync(Trace, cancellationToken).ConfigureAwait(false);
                return await agency.Client.InstalledLocationsAsync(token, companyId, appId, skip, PageSize, Trace, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
