using System;
using System.Globalization;
using System.Management.Automation;
using ContactsModule.Api;
using ContactsModule.Input;
using System.Collections.Generic;

namespace ContactsModule.Cmdlets
{
    /// <summary>Builds the module's ErrorRecords: stable ErrorId, category, the input row as target, and what to do.</summary>
    internal static class ContactErrors
    {
        /// <summary>Failures after which sending more rows is pointless: they stop the whole pipeline.</summary>
        public static bool IsTerminating(ApiErrorKind kind) =>
            kind == ApiErrorKind.Unauthorized || kind == ApiErrorKind.Forbidden || kind == ApiErrorKind.DailyQuotaExhausted ||
            kind == ApiErrorKind.VersionRejected ||
            kind == ApiErrorKind.InvalidGrant || kind == ApiErrorKind.InvalidClient || kind == ApiErrorKind.LocationNotActive ||
            kind == ApiErrorKind.Unreachable || kind == ApiErrorKind.RateLimited;

        /// <summary>In an agency run, failures that concern one location only: its rows fail, the other locations go on.</summary>
        public static bool IsLocationScoped(ApiErrorKind kind) =>
            kind == ApiErrorKind.Forbidden || kind == ApiErrorKind.LocationNotActive || kind == ApiErrorKind.DailyQuotaExhausted;

        public static ErrorRecord Validation(string rowLabel, IList<FieldError> errors, object target)
        {
            var parts = new List<string>();
            foreach (var error in errors) parts.Add(error.ToString());
            string message = rowLabel + ": " + string.Join(" ", parts);
            var record = new ErrorRecord(new ArgumentException(message), ErrorIds.ValidationFailed, ErrorCategory.InvalidData, target);
            record.ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Correct the value(s) named in the message and send the row again; nothing was sent for this row.",
            };
            return record;
        }

        /// <summary>A parameter value too deep to walk (one that contains itself): a row error, nothing sent.</summary>
        public static ErrorRecord TooDeep(string rowLabel, Exception ex, object target)
        {
            string message = rowLabel + ": " + ex.Message + " Nothing was sent for this row.";
            return new ErrorRecord(ex, ErrorIds.ValidationFailed, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Pass plain values: tags as text or a list of text, custom fields as a hashtable of key to text, number or list of text.",
                },
            };
        }

        public static ErrorRecord FromApi(ContactsApiException ex, string rowLabel, object target)
        {
            string id;
            ErrorCategory category;
            string what;
            string action;
            switch (ex.Kind)
            {
                case ApiErrorKind.Unauthorized:
                    id = ErrorIds.Unauthorized; category = ErrorCategory.AuthenticationError;
                    what = "HighLevel rejected the token (401): " + Server(ex);
                    action = "Check that the token is a current Private Integration Token or location access token, then run Connect-ContactsApi again.";
                    break;
                case ApiErrorKind.Forbidden:
                    id = ErrorIds.Forbidden; category = ErrorCategory.PermissionDenied;
                    what = ex.LocationId != null
                        ? "the token has no access to location '" + ex.LocationId + "' (403): " + Server(ex)
                        : "the token has no access to this location (403): " + Server(ex);
                    action = ex.LocationId != null
                        ? "Check the location id '" + ex.LocationId + "' (a mistyped -LocationId or LocationId column gives this answer), or connect with a token of that location."
                        : "Connect with a token of the location, or pass the right -LocationId.";
                    break;
                case ApiErrorKind.Validation:
                    id = ErrorIds.ApiValidationFailed; category = ErrorCategory.InvalidData;
                    what = "HighLevel rejected the contact (422): " + Server(ex);
                    action = "Fix the fields the server names and send the row again.";
                    break;
                case ApiErrorKind.Duplicate:
                    id = ErrorIds.Duplicate; category = ErrorCategory.ResourceExists;
                    what = string.Format(CultureInfo.InvariantCulture, "a contact with the same {0} already exists (id {1}).",
                        ex.MatchingField ?? "email or phone", ex.DuplicateContactId ?? "unknown");
                    action = "Use -OnDuplicate Skip to keep the existing contact, or -OnDuplicate Update to update it.";
                    break;
                case ApiErrorKind.NotFound:
                    id = ErrorIds.NotFound; category = ErrorCategory.ObjectNotFound;
                    what = "the contact does not exist: " + Server(ex);
                    action = "Check the contact id; Get-Contact finds contacts by email, phone or query.";
                    break;
                case ApiErrorKind.DailyQuotaExhausted:
                    id = ErrorIds.DailyQuotaExceeded; category = ErrorCategory.QuotaExceeded;
                    what = ex.Message;
                    action = "Run the remaining rows again after the quota resets.";
                    break;
                case ApiErrorKind.InvalidGrant:
                    id = ErrorIds.InvalidGrant; category = ErrorCategory.AuthenticationError;
                    what = "HighLevel refused the refresh token (" + Server(ex) + "): it is invalid, expired, or was already used. Refresh tokens are single-use: each refresh replaces it with a new one.";
                    action = "Connect again with the latest refresh token (Get-ContactsApiConnection's RefreshToken, or the -RefreshTokenPath file), or install/authorize the app again to get a new one.";
                    break;
                case ApiErrorKind.LocationNotActive:
                    id = ErrorIds.LocationNotActive; category = ErrorCategory.ResourceUnavailable;
                    what = "HighLevel says the location is not active (" + Server(ex) + "): the sub-account is paused or cancelled.";
                    action = "Reactivate the sub-account in HighLevel (the same refresh token works again then), or leave its rows out and send them later.";
                    break;
                case ApiErrorKind.InvalidClient:
                    id = ErrorIds.InvalidClient; category = ErrorCategory.AuthenticationError;
                    what = "HighLevel refused the app's client id or client secret (" + Server(ex) + ").";
                    action = "Check -ClientId and -ClientSecret (or " + ConnectContactsApiCommand.ClientIdVariable + " and " + ConnectContactsApiCommand.ClientSecretVariable + ") against the app's settings in the HighLevel Marketplace.";
                    break;
                case ApiErrorKind.Unreachable:
                    id = ErrorIds.Unreachable; category = ErrorCategory.ConnectionError;
                    what = ex.Message;
                    action = "Check the network, proxy, DNS and -BaseUri (Get-ContactsApiConnection shows it), then run the input again.";
                    break;
                case ApiErrorKind.RateLimited:
                    id = ErrorIds.RateLimited; category = ErrorCategory.LimitsExceeded;
                    what = ex.Message;
                    action = "Wait as long as HighLevel asked, then run the input again; Connect-ContactsApi starts with fresh limits.";
                    break;
                case ApiErrorKind.Unavailable:
                    id = ErrorIds.Unavailable; category = ErrorCategory.ResourceUnavailable;
                    what = "the API did not answer successfully: " + ex.Message;
                    action = ex.MayHaveTakenEffect
                        ? "An attempt may have reached HighLevel and stored the change: look the contact up (Get-Contact -Email or -Phone) before sending the row again."
                        : "Send the row again later; -MaxRetry and -RetryDelay on Connect-ContactsApi set how hard the module retries.";
                    break;
                case ApiErrorKind.VersionRejected:
                    id = ErrorIds.VersionRejected; category = ErrorCategory.InvalidArgument;
                    what = ex.Message;
                    action = "Connect again with -ApiVersion " + Session.ContactsApiConnection.DefaultApiVersion +
                             " (or another version HighLevel still serves: its versioning page lists them and their retirement dates).";
                    break;
                default:
                    id = ErrorIds.ApiError; category = ex.Kind == ApiErrorKind.BadRequest ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidResult;
                    what = "the API call failed: " + ex.Message;
                    action = "Check the message and the traceId; HighLevel support asks for the traceId.";
                    break;
            }
            string message = rowLabel + ": " + what;
            if (ex.TraceId != null && message.IndexOf(ex.TraceId, StringComparison.Ordinal) < 0) message += " (traceId " + ex.TraceId + ")";
            var record = new ErrorRecord(ex, id, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
            };
            return record;
        }

        /// <summary>
        /// An error answer to Invoke-ContactsApiRequest: 401, 403, quota, retired version and outlasted retries as the
        /// other cmdlets report them; any other status is ContactsApiError with a category from the status.
        /// </summary>
        public static ErrorRecord FromRawApi(ContactsApiException ex, string label, object target)
        {
            switch (ex.Kind)
            {
                case ApiErrorKind.Unauthorized:
                case ApiErrorKind.Forbidden:
                case ApiErrorKind.DailyQuotaExhausted:
                case ApiErrorKind.VersionRejected:
                case ApiErrorKind.Unavailable:
                    return FromApi(ex, label, target);
            }
            ErrorCategory category;
            switch (ex.StatusCode ?? 0)
            {
                case 400: category = ErrorCategory.InvalidArgument; break;
                case 404: category = ErrorCategory.ObjectNotFound; break;
                case 409: category = ErrorCategory.ResourceExists; break;
                case 422: category = ErrorCategory.InvalidData; break;
                default: category = ErrorCategory.InvalidResult; break;
            }
            string message = label + ": " + ex.Message;
            if (ex.TraceId != null && message.IndexOf(ex.TraceId, StringComparison.Ordinal) < 0) message += " (traceId " + ex.TraceId + ")";
            return new ErrorRecord(ex, ErrorIds.ApiError, category, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Check the path, the body and the server's message; $_.Exception.StatusCode has the status and " +
                                        "$_.Exception.TraceId what HighLevel support asks for. -SkipHttpErrorCheck returns error answers as output instead.",
                },
            };
        }

        /// <summary>Invoke-ContactsApiRequest -Path that could send the token elsewhere, or that is not a path at all. Nothing was sent.</summary>
        public static ErrorRecord PathRefused(string label, string path, string why, object target)
        {
            string message = label + ": refused the path '" + path + "': " + why + " Nothing was sent.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.PathRefused, ErrorCategory.SecurityError, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Give a path relative to the connection's base URI, such as /contacts/{contactId}/notes; to reach another host, Connect-ContactsApi -BaseUri to it.",
                },
            };
        }

        /// <summary>-Body or -Query that cannot be written as JSON (or a GET with a body). Nothing was sent.</summary>
        public static ErrorRecord BodyInvalid(string label, string why, object target)
        {
            string message = label + ": " + why + " Nothing was sent.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.BodyInvalid, ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Pass -Body as a hashtable, a PSCustomObject or a JSON string; put GET parameters in -Query.",
                },
            };
        }

        /// <summary>-Paginate met a meta.nextPageUrl outside the connection's base URI; the pages before it were written.</summary>
        public static ErrorRecord NextPageRefused(string label, string why, object target)
        {
            string message = label + ": " + why + " The pages before it were written; the token was not sent there.";
            return new ErrorRecord(new InvalidOperationException(message), ErrorIds.NextPageRefused, ErrorCategory.SecurityError, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Fetch the next pages with -Query (startAfterId, startAfter) or check that the connection's -BaseUri is the host HighLevel answers from.",
                },
            };
        }

        public static ErrorRecord NotConnected() => new ErrorRecord(
            new InvalidOperationException("Not connected to the HighLevel API. Run Connect-ContactsApi first, or pass -Connection."),
            ErrorIds.NotConnected, ErrorCategory.ConnectionError, null)
        {
            ErrorDetails = new ErrorDetails("Not connected to the HighLevel API. Run Connect-ContactsApi first, or pass -Connection.")
            {
                RecommendedAction = "Run Connect-ContactsApi -Token <token> -LocationId <id>, or set HIGHLEVEL_API_TOKEN and HIGHLEVEL_LOCATION_ID and run Connect-ContactsApi.",
            },
        };

        /// <summary>A search on an agency (Company) connection that names no location: the agency token searches none.</summary>
        public static ErrorRecord AgencySearchNeedsLocation(string companyId)
        {
            string message = "Get-Contact: this agency (Company) connection" + (string.IsNullOrEmpty(companyId) ? string.Empty : " (agency " + companyId + ")") +
                             " has no default location, and a search runs in one location: pass -LocationId. Nothing was sent.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.LocationRequired, ErrorCategory.InvalidArgument, null)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Pass -LocationId (Get-ContactsApiLocation lists the agency's locations), e.g. Get-ContactsApiLocation | ForEach-Object { Get-Contact -LocationId $_.LocationId }; or connect with -LocationId.",
                },
            };
        }

        public static ErrorRecord NotSent(string rowLabel, string why, object target)
        {
            string message = rowLabel + ": not sent because " + why;
            return new ErrorRecord(new OperationCanceledException(message), ErrorIds.NotSent, ErrorCategory.OperationStopped, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Send this row again: it never left this computer." },
            };
        }

        /// <summary>A row whose request left the client but whose outcome is not known: it may or may not have been stored.</summary>
        public static ErrorRecord Unconfirmed(string rowLabel, string why, object target)
        {
            string message = rowLabel + ": outcome unknown because " + why + " Its request had been sent: HighLevel may or may not have stored it.";
            return new ErrorRecord(new OperationCanceledException(message), ErrorIds.Unconfirmed, ErrorCategory.OperationStopped, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Look the contact up (Get-Contact -Email/-Phone) before sending this row again, or send it again with -OnDuplicate Skip in a location that rejects duplicates.",
                },
            };
        }

        /// <summary>A piped string, number or other value without columns: it cannot be read as a row.</summary>
        public static ErrorRecord NotARow(string rowLabel, object value, string cmdletName, object target)
        {
            string typeName = value == null ? "null" : value.GetType().Name;
            string message = string.Format(CultureInfo.InvariantCulture,
                "{0}: '{1}' is a {2}, not a row; nothing was sent. {3} reads rows: objects whose properties are the columns " +
                "(Import-Csv, [pscustomobject]@{{ Email = '...' }}) or hashtables (@{{ Email = '...' }}).",
                rowLabel, Conversion.CellText.Clean(value), typeName, cmdletName);
            return new ErrorRecord(new ArgumentException(message), ErrorIds.InputNotARow, ErrorCategory.InvalidType, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Pipe objects with properties, e.g. [pscustomobject]@{ Email = 'jane@example.com' } | " + cmdletName +
                                        ", or give the values as parameters: " + cmdletName + " -Email 'jane@example.com'.",
                },
            };
        }

        /// <summary>A row without a contact id: nothing can be sent for it.</summary>
        public static ErrorRecord MissingId(string rowLabel, object target)
        {
            string message = rowLabel + ": has no contact id (the Id or ContactId value is empty); nothing was sent for this row.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.ValidationFailed, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Give the contact's id (Get-Contact finds it by email, phone or query) and send the row again.",
                },
            };
        }

        /// <summary>
        /// One contact's failure inside a bulk tag answer. "not found", "deleted", an invalid id or another location's
        /// contact are ContactNotFound (ObjectNotFound); anything else is ContactTagUpdateFailed.
        /// </summary>
        public static ErrorRecord BulkTagFailed(string rowLabel, string contactId, string serverMessage, bool adding, object target)
        {
            string reason = string.IsNullOrEmpty(serverMessage) ? "no reason given" : serverMessage;
            string lower = reason.ToLowerInvariant();
            bool notFound = lower.Contains("not found") || lower.Contains("deleted") || lower.Contains("not a valid") ||
                            lower.Contains("does not belong") || lower.Contains("invalid contact");
            string verb = adding ? "adding" : "removing";
            string message = string.Format(CultureInfo.InvariantCulture, "{0}: {1} the tags failed for contact {2}: {3}.",
                rowLabel, verb, contactId, reason.TrimEnd('.'));
            var exception = new ContactsApiException(notFound ? ApiErrorKind.NotFound : ApiErrorKind.BadRequest, message)
            {
                ServerMessages = new[] { reason },
            };
            return new ErrorRecord(exception, notFound ? ErrorIds.NotFound : ErrorIds.TagUpdateFailed,
                notFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidOperation, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = notFound
                        ? "Check the contact id and the location; Get-Contact finds contacts by email, phone or query."
                        : "Check the message; the other contacts of the call were updated. Send this contact again.",
                },
            };
        }

        /// <summary>A Get-Contact -Filter key that is no field search can filter on: nothing was sent.</summary>
        public static ErrorRecord UnknownFilterField(string key, object target)
        {
            string message = "-Filter has no field '" + key + "'. A search filters on these fields: " +
                             string.Join(", ", ContactFieldTable.SearchFields) + ". Nothing was sent.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.InvalidFilter, ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Use one of the fields named (case does not matter; column names such as 'Last Name', 'Zip' or " +
                                        "'Company' work too), e.g. -Filter @{ lastName = 'Lee' }; -Query searches free text.",
                },
            };
        }

        /// <summary>Set-Contact was asked to change a field HighLevel's update call does not accept.</summary>
        public static ErrorRecord NotUpdatable(IList<string> parameters, object target)
        {
            string names = string.Join(", ", parameters);
            string message = "Set-Contact cannot change " + names + ": HighLevel's update call (PUT /contacts/{id}) does not accept " +
                             "locationId, gender or companyName (it answers 422 \"property ... should not exist\"). Nothing was sent.";
            return new ErrorRecord(new ArgumentException(message), ErrorIds.FieldNotUpdatable, ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Leave out -" + string.Join(", -", parameters) + ". Change these fields in HighLevel itself, " +
                                        "or with New-Contact -OnDuplicate Update (an upsert accepts gender and companyName).",
                },
            };
        }

        /// <summary>Set-Contact -MatchOn: no contact has the row's email or phone (or the row has none). Nothing was sent.</summary>
        public static ErrorRecord NotMatched(string rowLabel, string column, string value, object target)
        {
            string message = value == null
                ? rowLabel + ": -MatchOn " + column + " needs the row's " + column + ", and the row has none (and no Id). Nothing was sent."
                : rowLabel + ": no contact has the " + column + " '" + value + "' (column " + column + ", -MatchOn " + column + "). Nothing was sent.";
            return new ErrorRecord(new ItemNotFoundException(message), ErrorIds.NotMatched, ErrorCategory.ObjectNotFound, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Check the " + column + " value, or use New-Contact or Sync-Contact to create the contact.",
                },
            };
        }

        /// <summary>Set-Contact -MatchOn: several contacts have the row's email or phone. Nothing was sent.</summary>
        public static ErrorRecord MatchAmbiguous(string rowLabel, string column, string value, IList<string> ids, object target)
        {
            string message = rowLabel + ": " + ids.Count.ToString(CultureInfo.InvariantCulture) + " contacts have the " + column + " '" + value +
                             "' (column " + column + ", -MatchOn " + column + "): " + string.Join(", ", ids) + ". Nothing was sent.";
            return new ErrorRecord(new InvalidOperationException(message), ErrorIds.MatchAmbiguous, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Give the row an Id column with the contact to update (an Id wins over -MatchOn), or merge the duplicate contacts in HighLevel.",
                },
            };
        }

        /// <summary>-ReportPath names a file that cannot be created: terminating, before any row is read or sent.</summary>
        public static ErrorRecord ReportPathFailed(string cmdletName, string path, string fullPath, Exception ex)
        {
            string message = cmdletName + ": cannot create the run report '" + path + "'" +
                             (fullPath != null && !string.Equals(fullPath, path, StringComparison.Ordinal) ? " (" + fullPath + ")" : string.Empty) +
                             ": " + ex.Message + " Nothing was sent.";
            return new ErrorRecord(ex, ErrorIds.ReportPathFailed, ErrorCategory.OpenError, path)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Give -ReportPath a file path in a folder that exists and that you may write to (relative paths are taken from the current location), " +
                                        "and close the file if another program holds it open; then run the command again.",
                },
            };
        }

        private static string Server(ContactsApiException ex) =>
            ex.ServerMessages != null && ex.ServerMessages.Length > 0 ? string.Join("; ", ex.ServerMessages) : ex.Message;
    }
}
