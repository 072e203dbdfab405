using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>The Contacts endpoints as typed calls. Failures surface as ContactsApiException.</summary>
    internal sealed class ContactsApi
    {
        private static readonly HttpMethod Put = HttpMethod.Put;
        private readonly ApiSession _session;

        public ContactsApi(ApiSession session)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
        }

        public ApiSession Session => _session;

        /// <summary>Look-ups after an ambiguous failure are repeated this often during the grace period.</summary>
        private static readonly TimeSpan LookupInterval = TimeSpan.FromSeconds(1);
        /// <summary>The shortest grace period: HighLevel's search index shows a new contact within about a second.</summary>
        private static readonly TimeSpan MinLookupGrace = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan MaxLookupGrace = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan SettingReadLimit = TimeSpan.FromSeconds(20);

        /// <summary>
        /// POST /contacts/. When an attempt fails ambiguously (timeout, broken connection, 5xx), the row's own contact
        /// is looked up by email or phone before it is sent again, so a lost answer never makes a second contact. A
        /// contact found counts as this row's only if it is provably so (CreateProvenance.IsOwn); any other is an
        /// existing contact. Unless the location is known to reject duplicates, the look-up is repeated over a grace
        /// period (LookupGrace) so that a store still on its way shows up before the row is sent again.
        /// </summary>
        public async Task<CreateResult> CreateAsync(ContactPayload payload, IApiTrace trace, CancellationToken cancellationToken)
        {
            trace = trace ?? NullApiTrace.Instance;
            var provenance = CreateProvenance.For(_session);
            var startedServerUtc = _session.ServerClock.ToServerTime(DateTime.UtcNow);
            var request = new ApiRequest(HttpMethod.Post, "/contacts/", ContactJson.WritePayload(payload)) { LocationId = payload.LocationId };
            Contact recovered = null;
            bool ambiguousFailureSeen = false;
            if (payload.Email != null || payload.Phone != null)
            {
                request.BeforeResendAfterAmbiguousFailure = async (context, ct) =>
                {
                    ambiguousFailureSeen = true;
                    recovered = await FindOwnAfterAmbiguousFailureAsync(payload, provenance, startedServerUtc, context, trace, ct).ConfigureAwait(false);
                    if (recovered != null)
                        trace.Verbose("The earlier attempt did create the contact: found " + recovered.Id + "; not sending it again.");
                    return recovered != null;
                };
            }

            var response = await _session.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            if (response == null)
            {
                provenance.Claim(recovered.Id);
                return new CreateResult { Contact = recovered, Recovered = true, Attempts = 0 };
            }
            if (!response.IsSuccess)
            {
                var error = Failure(request, response);
                if (error.Kind == ApiErrorKind.Duplicate)
                {
                    provenance.SawDuplicateAnswer();
                    if (ambiguousFailureSeen && error.DuplicateContactId != null)
                    {
                        var existing = await GetAsync(error.DuplicateContactId, trace, cancellationToken).ConfigureAwait(false);
                        if (provenance.IsOwn(existing, payload, startedServerUtc) && provenance.Claim(existing.Id))
                        {
                            trace.Verbose("The retry hit a duplicate of the contact an earlier attempt created: " + existing.Id + ".");
                            return new CreateResult { Contact = existing, Recovered = true, Attempts = response.Attempts };
                        }
                        trace.Verbose("The retry hit a duplicate: contact " + existing.Id + " existed before this row was sent.");
                    }
                }
                throw error;
            }
            var contact = ReadContact(request, response, "contact");
            provenance.Claim(contact.Id);
            return new CreateResult { Contact = contact, Attempts = response.Attempts };
        }

        /// <summary>
        /// How long a late store may take to show: as long as the server held the failed attempt without answering
        /// (a server that queued it that long may need as long again to get to it), at least MinLookupGrace (index
        /// lag), at most MaxLookupGrace and never past the retry budget.
        /// </summary>
        internal static TimeSpan LookupGrace(AmbiguousFailureContext context)
        {
            var grace = context.LastAttemptDuration;
            if (grace < MinLookupGrace) grace = MinLookupGrace;
            if (grace > MaxLookupGrace) grace = MaxLookupGrace;
            if (grace > context.RemainingBudget) grace = context.RemainingBudget;
            return grace;
        }

        private async Task<Contact> FindOwnAfterAmbiguousFailureAsync(ContactPayload payload, CreateProvenance provenance, DateTime startedServerUtc,
            AmbiguousFailureContext context, IApiTrace trace, CancellationToken cancellationToken)
        {
            await provenance.LearnDuplicateSettingAsync(() => ReadAllowDuplicateContactAsync(payload.LocationId, trace), cancellationToken).ConfigureAwait(false);
            var grace = provenance.DuplicatesRejected ? TimeSpan.Zero : LookupGrace(context);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    var own = await LookUpOwnAsync(payload, provenance, startedServerUtc, context.NextAttemptTimeout, trace, cancellationToken).ConfigureAwait(false);
                    if (own != null) return own;
                }
                catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Unavailable)
                {
                    if (provenance.DuplicatesRejected)
                    {
                        // The location rejects duplicates: a resend cannot make a second copy, its answer names the contact.
                        trace.Verbose("Could not check whether the earlier attempt created the contact (" + ex.Message + "); sending it again.");
                        return null;
                    }
                    throw new ContactsApiException(ApiErrorKind.Unavailable,
                        "POST /contacts/ failed in a way that may have stored the contact, and looking it up failed too (" + ex.Message +
                        "). It was not sent again, so that a location allowing duplicates does not get a second copy.", ex)
                    {
                        Method = "POST",
                        Path = "/contacts/",
                        MayHaveTakenEffect = true,
                    };
                }
                var left = grace - watch.Elapsed;
                if (left <= TimeSpan.Zero) return null;
                var wait = left < LookupInterval ? left : LookupInterval;
                trace.Verbose(string.Format(CultureInfo.InvariantCulture,
                    "The earlier attempt's contact is not visible (yet); looking again in {0:0.0} s (a late store can take up to {1:0.0} s to show).",
                    wait.TotalSeconds, grace.TotalSeconds));
                await RequestSlots.DelayOutsideSlotAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// GET /locations/{id}: settings.allowDuplicateContact, or null when it cannot be read (the scope
        /// locations.readonly missing, a failure, no such field). Never stops the run: the call is optional.
        /// </summary>
        internal async Task<bool?> ReadAllowDuplicateContactAsync(string locationId, IApiTrace trace)
        {
            if (string.IsNullOrEmpty(locationId)) return null;
            var request = new ApiRequest(HttpMethod.Get, "/locations/" + Uri.EscapeDataString(locationId)) { Optional = true };
            // Shared by every row that waits for it: it has its own time limit, not a row's cancellation.
            using (var limit = new CancellationTokenSource(SettingReadLimit))
            try
            {
                var response = await _session.SendAsync(request, trace, limit.Token).ConfigureAwait(false);
                if (response == null || !response.IsSuccess)
                {
                    trace.Verbose("The location's duplicate setting could not be read (" + (response?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "no answer") +
                        "): look-ups wait for late stores.");
                    return null;
                }
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                        doc.RootElement.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object &&
                        location.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object &&
                        settings.TryGetProperty("allowDuplicateContact", out var allow) &&
                        (allow.ValueKind == JsonValueKind.True || allow.ValueKind == JsonValueKind.False))
                    {
                        bool value = allow.ValueKind == JsonValueKind.True;
                        trace.Verbose("The location's Allow Duplicate Contact setting is " + (value ? "on: look-ups wait for late stores." : "off: a resend cannot make a second contact."));
                        return value;
                    }
                }
                return null;
            }
            catch (Exception ex) when (ex is ContactsApiException || ex is JsonException || ex is OperationCanceledException)
            {
                trace.Verbose("The location's duplicate setting could not be read (" + ex.Message + "): look-ups wait for late stores.");
                return null;
            }
        }

        /// <summary>The contacts with the row's email (else phone), newest first; the first that is provably this row's own.</summary>
        private async Task<Contact> LookUpOwnAsync(ContactPayload payload, CreateProvenance provenance, DateTime startedServerUtc, TimeSpan timeout,
            IApiTrace trace, CancellationToken cancellationToken)
        {
            var search = new SearchRequest { LocationId = payload.LocationId, PageLimit = 20 };
            if (!string.IsNullOrEmpty(payload.Email)) search.Filters.Add(new SearchFilter("email", "eq", payload.Email));
            else search.Filters.Add(new SearchFilter("phone", "eq", payload.Phone));
            search.Sort.Add(new KeyValuePair<string, string>("dateAdded", "desc"));
            var page = await SearchAsync(search, trace, cancellationToken, timeout).ConfigureAwait(false);
            foreach (var contact in page.Contacts)
            {
                if (provenance.IsOwn(contact, payload, startedServerUtc)) return contact;
            }
            return null;
        }

        /// <summary>GET /contacts/{id}.</summary>
        public async Task<Contact> GetAsync(string id, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get, "/contacts/" + Uri.EscapeDataString(id));
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            return ReadContact(request, response, "contact");
        }

        /// <summary>PUT /contacts/{id}: only the payload's non-null fields change; Tags replaces all tags.</summary>
        public async Task<Contact> UpdateAsync(string id, ContactPayload payload, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(Put, "/contacts/" + Uri.EscapeDataString(id), ContactJson.WritePayload(payload));
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            return ReadContact(request, response, "contact");
        }

        /// <summary>DELETE /contacts/{id}.</summary>
        public async Task DeleteAsync(string id, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Delete, "/contacts/" + Uri.EscapeDataString(id));
            await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>POST /contacts/upsert: updates the contact with the same email or phone (tags replaced), else creates one.</summary>
        public async Task<Contact> UpsertAsync(ContactPayload payload, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post, "/contacts/upsert", ContactJson.WritePayload(payload)) { LocationId = payload.LocationId };
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            var contact = ReadContact(request, response, "contact");
            bool isNew = false;
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                    isNew = doc.RootElement.TryGetProperty("new", out var flag) && flag.ValueKind == JsonValueKind.True;
            }
            catch (JsonException)
            {
            }
            contact.Outcome = isNew ? ContactOutcome.Created : ContactOutcome.Updated;
            return contact;
        }

        /// <summary>GET /contacts/search/duplicate: the contact with this email, else with this phone, else null.</summary>
        public async Task<Contact> FindDuplicateAsync(string locationId, string email, string phone, IApiTrace trace, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(email))
            {
                var found = await FindDuplicateByAsync(locationId, "email", email, trace, cancellationToken).ConfigureAwait(false);
                if (found != null) return found;
            }
            if (!string.IsNullOrEmpty(phone))
            {
                return await FindDuplicateByAsync(locationId, "number", phone, trace, cancellationToken).ConfigureAwait(false);
            }
            return null;
        }

        /// <summary>POST /contacts/search: one page.</summary>
        public Task<SearchPage> SearchAsync(SearchRequest search, IApiTrace trace, CancellationToken cancellationToken) =>
            SearchAsync(search, trace, cancellationToken, null);

        internal async Task<SearchPage> SearchAsync(SearchRequest search, IApiTrace trace, CancellationToken cancellationToken, TimeSpan? firstAttemptTimeout)
        {
            string body = ContactJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("locationId", search.LocationId);
                writer.WriteNumber("pageLimit", search.PageLimit);
                if (search.SearchAfter != null)
                {
                    writer.WritePropertyName("searchAfter");
                    ContactJson.WriteValue(writer, search.SearchAfter);
                }
                else if (search.Page.HasValue)
                {
                    writer.WriteNumber("page", search.Page.Value);
                }
                if (!string.IsNullOrEmpty(search.Query)) writer.WriteString("query", search.Query);
                if (search.Filters.Count > 0)
                {
                    writer.WriteStartArray("filters");
                    foreach (var filter in search.Filters)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("field", filter.Field);
                        writer.WriteString("operator", filter.Operator);
                        if (filter.Value != null)
                        {
                            writer.WritePropertyName("value");
                            ContactJson.WriteValue(writer, filter.Value);
                        }
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                if (search.Sort.Count > 0)
                {
                    writer.WriteStartArray("sort");
                    foreach (var sort in search.Sort)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("field", sort.Key);
                        writer.WriteString("direction", sort.Value);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            });
            var request = new ApiRequest(HttpMethod.Post, "/contacts/search", body) { FirstAttemptTimeout = firstAttemptTimeout, LocationId = search.LocationId };
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    var root = doc.RootElement;
                    var contacts = new List<Contact>();
                    object[] cursor = null;
                    if (root.TryGetProperty("contacts", out var array) && array.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in array.EnumerateArray())
                        {
                            contacts.Add(ContactJson.ReadContact(item));
                            cursor = item.TryGetProperty("searchAfter", out var after) && after.ValueKind == JsonValueKind.Array
                                ? (object[])ContactJson.ToPlain(after)
                                : null;
                        }
                    }
                    long total = root.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : contacts.Count;
                    foreach (var contact in contacts) contact.AdditionalProperties.Remove("searchAfter");
                    return new SearchPage { Contacts = contacts, Total = total, NextSearchAfter = cursor };
                }
            }
            catch (JsonException ex)
            {
                throw InvalidResponse(request, response, ex);
            }
        }

        /// <summary>POST /contacts/{id}/tags: returns the contact's tags afterwards.</summary>
        public Task<string[]> AddTagsAsync(string id, IEnumerable<string> tags, IApiTrace trace, CancellationToken cancellationToken) =>
            SendTagsAsync(HttpMethod.Post, id, tags, trace, cancellationToken);

        /// <summary>DELETE /contacts/{id}/tags: returns the contact's tags afterwards.</summary>
        public Task<string[]> RemoveTagsAsync(string id, IEnumerable<string> tags, IApiTrace trace, CancellationToken cancellationToken) =>
            SendTagsAsync(HttpMethod.Delete, id, tags, trace, cancellationToken);

        /// <summary>POST /contacts/bulk/tags/update/{add|remove} for up to 100 contacts at once.</summary>
        public async Task<BulkTagResult> BulkUpdateTagsAsync(bool add, string locationId, IEnumerable<string> contactIds, IEnumerable<string> tags, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post, "/contacts/bulk/tags/update/" + (add ? "add" : "remove"),
                ContactJson.WriteBulkTagsBody(contactIds, tags, locationId)) { LocationId = locationId };
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    var root = doc.RootElement;
                    var items = new List<BulkTagItemResult>();
                    if (root.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in responses.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.Object) continue;
                            items.Add(new BulkTagItemResult
                            {
                                ContactId = item.TryGetProperty("contactId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                                Message = item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                                Success = !(item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                                            string.Equals(type.GetString(), "error", StringComparison.OrdinalIgnoreCase)),
                            });
                        }
                    }
                    return new BulkTagResult
                    {
                        Succeeded = root.TryGetProperty("succeded", out var s) && s.ValueKind == JsonValueKind.True,
                        ErrorCount = root.TryGetProperty("errorCount", out var e) && e.ValueKind == JsonValueKind.Number ? (int)e.GetDouble() : 0,
                        Items = items,
                    };
                }
            }
            catch (JsonException ex)
            {
                throw InvalidResponse(request, response, ex);
            }
        }

        private async Task<string[]> SendTagsAsync(HttpMethod method, string id, IEnumerable<string> tags, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(method, "/contacts/" + Uri.EscapeDataString(id) + "/tags", ContactJson.WriteTagsBody(tags));
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                {
                    var list = new List<string>();
                    if (doc.RootElement.TryGetProperty("tags", out var array) && array.ValueKind == JsonValueKind.Array)
                        foreach (var item in array.EnumerateArray()) if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString());
                    return list.ToArray();
                }
            }
            catch (JsonException ex)
            {
                throw InvalidResponse(request, response, ex);
            }
        }

        private async Task<Contact> FindDuplicateByAsync(string locationId, string parameter, string value, IApiTrace trace, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Get,
                "/contacts/search/duplicate?locationId=" + Uri.EscapeDataString(locationId) + "&" + parameter + "=" + Uri.EscapeDataString(value))
            {
                LocationId = locationId,
            };
            var response = await SendOrThrowAsync(request, trace, cancellationToken).ConfigureAwait(false);
            return ReadContact(request, response, "contact", allowNull: true);
        }

        private async Task<ApiResponse> SendOrThrowAsync(ApiRequest request, IApiTrace trace, CancellationToken cancellationToken)
        {
            var response = await _session.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess) throw Failure(request, response);
            return response;
        }

        /// <summary>ToException, naming the location the call was about (a 403 says which location the token may not reach).</summary>
        private ContactsApiException Failure(ApiRequest request, ApiResponse response)
        {
            var error = ToException(request, response);
            error.LocationId = request.LocationId ?? _session.Options.LocationId;
            return error;
        }

        private static Contact ReadContact(ApiRequest request, ApiResponse response, string property, bool allowNull = false)
        {
            Contact contact;
            try
            {
                contact = ContactJson.ReadContactFromResponse(response.Body ?? string.Empty, property);
            }
            catch (JsonException ex)
            {
                throw InvalidResponse(request, response, ex);
            }
            if (contact == null && !allowNull) throw InvalidResponse(request, response, null);
            return contact;
        }

        private static ContactsApiException InvalidResponse(ApiRequest request, ApiResponse response, Exception inner) =>
            new ContactsApiException(ApiErrorKind.InvalidResponse,
                string.Format(CultureInfo.InvariantCulture, "{0} answered {1} with a body that is not the expected JSON ({2}).",
                    request, response.StatusCode, Snippet(response.Body)), inner)
            {
                StatusCode = response.StatusCode,
                Method = request.Method.Method,
                Path = request.Path,
                Attempts = response.Attempts,
            };

        /// <summary>Maps an error answer to a ContactsApiException with the server's own words.</summary>
        public static ContactsApiException ToException(ApiRequest request, ApiResponse response)
        {
            var body = ApiErrorBody.TryParse(response.Body);
            int status = response.StatusCode;
            string joined = body != null && body.Messages.Length > 0 ? string.Join("; ", body.Messages) : null;
            ApiErrorKind kind;
            if (status == 401) kind = ApiErrorKind.Unauthorized;
            else if (status == 403) kind = ApiErrorKind.Forbidden;
            else if (status == 422) kind = ApiErrorKind.Validation;
            else if (status == 404) kind = ApiErrorKind.NotFound;
            else if (status == 400 && ApiVersionText.IsRefusal(joined)) kind = ApiErrorKind.VersionRejected;
            else if (status == 400 && body != null && (body.MetaContactId != null || (joined ?? string.Empty).IndexOf("duplicated contacts", StringComparison.OrdinalIgnoreCase) >= 0))
                kind = ApiErrorKind.Duplicate;
            else if (status == 400 && (joined ?? string.Empty).IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0) kind = ApiErrorKind.NotFound;
            else if (status == 429 || status >= 500) kind = ApiErrorKind.Unavailable;
            else kind = ApiErrorKind.BadRequest;

            string detail = joined ?? (body == null ? "a body that is not JSON: " + Snippet(response.Body) : body.Error ?? "no message");
            string message = string.Format(CultureInfo.InvariantCulture, "{0} answered {1}: {2}", request, status, detail);
            if (kind == ApiErrorKind.VersionRejected)
                message = string.Format(CultureInfo.InvariantCulture, "HighLevel refused API version '{0}' ({1} answered {2}: {3})",
                    response.ApiVersion ?? request.ApiVersion, request, status, detail);
            if (body?.TraceId != null) message += " (traceId " + body.TraceId + ")";
            return new ContactsApiException(kind, message)
            {
                StatusCode = status,
                Method = request.Method.Method,
                Path = request.Path,
                ServerMessages = body?.Messages ?? new string[0],
                TraceId = body?.TraceId,
                DuplicateContactId = body?.MetaContactId,
                MatchingField = body?.MetaMatchingField,
                Attempts = response.Attempts,
                ApiVersion = response.ApiVersion ?? request.ApiVersion,
                // An error answer stored nothing; only an earlier, ambiguous attempt may have.
                MayHaveTakenEffect = response.EarlierAttemptMayHaveTakenEffect,
            };
        }

        private static string Snippet(string body)
        {
            if (string.IsNullOrEmpty(body)) return "(empty)";
            string flat = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]*>", " ");
            flat = System.Text.RegularExpressions.Regex.Replace(flat, "\\s+", " ").Trim();
            return flat.Length > 120 ? flat.Substring(0, 120) + "..." : flat;
        }
    }
}
