using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using ContactsModule.Api;
using ContactsModule.Conversion;
using ContactsModule.Input;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets HighLevel contacts by id, or searches the location's contacts.</para>
    /// <para type="description">With -Id: GET /contacts/{id} for each id (from the pipeline too). Otherwise POST /contacts/search
    /// with the criteria given (none: every contact of the location). Search results are written page by page as they
    /// arrive; the first page is asked for by number and every later one with the searchAfter cursor of the previous
    /// page's last contact, so a search goes past the API's 10,000-record limit of page numbers and stays correct
    /// while a downstream Remove-Contact deletes what was already written. -First stops asking for pages once it has
    /// enough.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Contact", DefaultParameterSetName = SearchSet, SupportsPaging = true)]
    [OutputType(typeof(Contact))]
    public sealed class GetContactCommand : ContactsApiCmdlet
    {
        internal override OutputFieldNames OutputCustomFieldNames => OutputFieldNames.Read;

        public const string ByIdSet = "ById";
        public const string SearchSet = "Search";
        /// <summary>The API's largest pageLimit.</summary>
        public const int MaxPageSize = 500;

        /// <summary>Contact ids: GET /contacts/{id} each. A Contact or a row with an Id/ContactId column binds by name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ContactId", "Contact Id")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>Free text matched against name, email, phone and company (the API's query, at most 75 characters).</summary>
        [Parameter(ParameterSetName = SearchSet, Position = 0)]
        [ValidateLength(1, 75)]
        public string Query { get; set; }

        /// <summary>Contacts with exactly this email (case-insensitive); a search filter, so every match comes back.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; }

        /// <summary>Contacts with exactly this phone number; written in E.164 (+15550101234) it matches however the API stored it.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNullOrEmpty]
        public string Phone { get; set; }

        /// <summary>Contacts that have every one of these tags.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNullOrEmpty]
        public string[] Tag { get; set; }

        /// <summary>More exact matches, field = value (sent as eq filters): @{ city = 'Paris'; source = 'import' }. An array value matches any of its items.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNull]
        public Hashtable Filter { get; set; }

        /// <summary>Contacts asked for per search call, 1 to 500 (default 500).</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateRange(1, MaxPageSize)]
        public int PageSize { get; set; } = MaxPageSize;

        /// <summary>
        /// The location to search; default: the connection's (an agency connection without a default location needs it).
        /// With -Id on an agency connection: the contacts' location (default: each piped row's or Contact's LocationId).
        /// </summary>
        [Parameter(ParameterSetName = SearchSet)]
        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Location Id", "Location_Id")]
        [AllowEmptyString]
        [AllowNull]
        public string LocationId { get; set; }

        /// <summary>With -Id: contacts fetched at once (on an agency connection: in each location).</summary>
        [Parameter(ParameterSetName = ByIdSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>With -Id on an agency connection: how many locations are worked at once (each with up to -ThrottleLimit requests in flight).</summary>
        [Parameter(ParameterSetName = ByIdSet)]
        [ValidateRange(1, 64)]
        public int LocationThrottleLimit { get; set; } = 8;

        private RowRunner _rows;
        // With -Id: the ids (from every pipeline record) still to leave out, still to fetch, and seen in all.
        private ulong _idsToSkip;
        private ulong _idsToFetch;
        private ulong _idsSeen;

        protected override void BeginProcessing()
        {
            _ = ActiveConnection;
            if (ParameterSetName == ByIdSet)
            {
                _idsToSkip = PagingParameters.Skip;
                _idsToFetch = PagingParameters.First;
                _rows = new RowRunner(this, "Get-Contact", ThrottleLimit,
                    "Reading changes nothing: run the same command again (or pipe the rows not written) to get the rest.",
                    ActiveConnection.IsAgency ? new Execution.LocationThrottle(ThrottleLimit, LocationThrottleLimit) : null);
            }
            else if (ActiveConnection.IsAgency && CellText.Clean(LocationId) == null && string.IsNullOrEmpty(ActiveConnection.LocationId))
            {
                ThrowTerminatingError(ContactErrors.AgencySearchNeedsLocation(ActiveConnection.CompanyId));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet) _rows.Guard(GetById);
            else Search();
        }

        protected override void EndProcessing()
        {
            _rows?.Guard(_rows.Finish);
            // With -Id the total is the number of ids given, known only once the pipeline has ended.
            if (_rows != null && PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(_idsSeen, 1.0));
        }

        private void GetById()
        {
            // An agency run: each id goes to its location (-LocationId, the piped row's, or the connection's default).
            string location = ActiveConnection.IsAgency ? CellText.Clean(LocationId) ?? ActiveConnection.LocationId : null;
            foreach (var raw in Id)
            {
                // -Skip and -First count the ids in input order: the ones left out are not fetched at all.
                _idsSeen++;
                if (_idsToSkip > 0)
                {
                    _idsToSkip--;
                    continue;
                }
                if (_idsToFetch == 0) continue;
                if (_idsToFetch != ulong.MaxValue) _idsToFetch--;
                string id = CellText.Clean(raw);
                var row = _rows.NextRow(raw, (number, piped) => RowLabel.For(piped, number, id ?? "without id"));
                if (id == null)
                {
                    _rows.Enqueue(row, RowResult.Failed(ContactErrors.MissingId(row.Label, raw)));
                    continue;
                }
                _rows.Enqueue(row, location, async ct =>
                {
                    var contact = await ApiFor(location).GetAsync(id, Trace, ct).ConfigureAwait(false);
                    contact.Outcome = ContactOutcome.Retrieved;
                    return new RowResult { Output = contact };
                });
            }
        }

        private void Search()
        {
            var search = BuildSearch();
            ulong toSkip = PagingParameters.Skip;
            ulong remaining = PagingParameters.First;
            bool unbounded = remaining == ulong.MaxValue || remaining > ulong.MaxValue - toSkip;
            if (remaining == 0 && !PagingParameters.IncludeTotalCount) return;

            int page = 1;
            long fetched = 0;
            object[] cursor = null;
            bool totalWritten = false;
            while (true)
            {
                // Ask for no more than -Skip/-First still need: a smaller page is then the last one.
                int limit = PageSize;
                if (!unbounded && toSkip + remaining < (ulong)limit) limit = (int)Math.Max(1, toSkip + remaining);
                search.PageLimit = limit;
                search.SearchAfter = cursor;
                search.Page = cursor == null ? page : (int?)null;

                SearchPage result;
                try
                {
                    result = Run(ct => ApiFor(search.LocationId).SearchAsync(search, Trace, ct));
                }
                catch (ContactsApiException ex)
                {
                    WriteApiError(ex, "Get-Contact (search after " + fetched.ToString(CultureInfo.InvariantCulture) + " contact(s))", search);
                    return;
                }

                if (!totalWritten && PagingParameters.IncludeTotalCount)
                {
                    WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, result.Total), 1.0));
                    totalWritten = true;
                }

                foreach (var contact in result.Contacts)
                {
                    if (toSkip > 0)
                    {
                        toSkip--;
                        continue;
                    }
                    if (remaining == 0) break;
                    contact.Outcome = ContactOutcome.Retrieved;
                    NameCustomFields(contact);
                    WriteObject(contact);
                    if (remaining != ulong.MaxValue) remaining--;
                }
                fetched += result.Contacts.Count;

                // The total is not used to stop: a downstream Remove-Contact makes it shrink while we page.
                if (remaining == 0 || result.Contacts.Count < limit) return;

                cursor = result.NextSearchAfter;
                if (cursor == null)
                {
                    // No cursor in the answer: go on by page number (every page so far had the full PageSize).
                    page = (int)(fetched / limit) + 1;
                    WriteVerbose(string.Format(CultureInfo.InvariantCulture, "The search answer had no searchAfter cursor; asking for page {0}.", page));
                }
            }
        }

        private SearchRequest BuildSearch()
        {
            var search = new SearchRequest
            {
                LocationId = CellText.Clean(LocationId) ?? ActiveConnection.LocationId,
                Query = CellText.Clean(Query),
            };
            if (Email != null) search.Filters.Add(new SearchFilter("email", "eq", Email.Trim()));
            if (Phone != null)
            {
                string phone = Phone.Trim();
                if (PhoneNumberNormalizer.TryNormalize(phone, null, out var e164, out _)) phone = e164;
                search.Filters.Add(new SearchFilter("phone", "eq", phone));
            }
            if (Tag != null)
            {
                foreach (var tag in TagList.Parse(Tag)) search.Filters.Add(new SearchFilter("tags", "eq", tag));
            }
            if (Filter != null)
            {
                var fields = new List<string>();
                foreach (DictionaryEntry entry in Filter) fields.Add(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture));
                fields.Sort(StringComparer.OrdinalIgnoreCase);
                foreach (var field in fields)
                {
                    object value = Unwrap(Filter[field]);
                    if (string.IsNullOrWhiteSpace(field) || value == null)
                    {
                        ThrowTerminatingError(new ErrorRecord(
                            new ArgumentException("-Filter takes field = value pairs; the entry '" + field + "' has an empty field name or no value."),
                            ErrorIds.InvalidFilter, ErrorCategory.InvalidArgument, Filter));
                    }
                    string apiName = ContactFieldTable.FindSearchField(field);
                    if (apiName == null) ThrowTerminatingError(ContactErrors.UnknownFilterField(field, Filter));
                    if (value is DateTime date) value = date.ToString("o", CultureInfo.InvariantCulture);
                    search.Filters.Add(new SearchFilter(apiName, "eq", value));
                }
            }
            return search;
        }
    }
}
