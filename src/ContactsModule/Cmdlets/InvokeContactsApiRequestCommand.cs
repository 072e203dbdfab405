using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using System.Text.RegularExpressions;
using ContactsModule.Api;
using ContactsModule.Conversion;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sends any HighLevel API request on the connection: notes, tasks, workflows, campaigns and more.</para>
    /// <para type="description">The request goes to the connection's base URI with its token, Version header, rate limiter and
    /// retries. -Path is relative to the base URI only: an absolute URI, //host, a backslash or a scheme is refused before
    /// anything is sent. A piped contact's Id (or a ContactId property) fills {contactId} in the path.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ContactsApiRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(string), typeof(ContactsApiResponse))]
    public sealed class InvokeContactsApiRequestCommand : ContactsApiCmdlet
    {
        private const int MaxBodyPreview = 400;
        private static readonly Regex Placeholder = new Regex(@"\{([^{}/]*)\}", RegexOptions.CultureInvariant);

        /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; }

        /// <summary>The path under the connection's base URI, such as /contacts/{contactId}/notes; may carry a query.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>A hashtable, PSCustomObject, array or other object (sent as JSON), or a JSON string (sent as it is).</summary>
        [Parameter]
        public object Body { get; set; }

        /// <summary>Query parameters; an array value repeats the name.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary Query { get; set; }

        /// <summary>Fills {contactId} (or {id} when the path has no {contactId}). A Contact or a row with an Id, ContactId or "Contact Id" column binds by name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Contact Id")]
        [AllowEmptyString]
        [AllowNull]
        public string ContactId { get; set; }

        /// <summary>The whole input row: the TargetObject of its errors.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>Follows searchAfter, startAfterId or meta.nextPageUrl paging when the answer shows one; one output per page.</summary>
        [Parameter]
        public SwitchParameter Paginate { get; set; }

        /// <summary>PSObject (default: the JSON as objects), Json (the body text) or HttpResponse (status, headers and body).</summary>
        [Parameter]
        [ValidateSet("PSObject", "Json", "HttpResponse", IgnoreCase = true)]
        public string OutputType { get; set; } = "PSObject";

        /// <summary>The name of a variable that gets the last answer's status code.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string StatusCodeVariable { get; set; }

        /// <summary>The name of a variable that gets the last answer's headers.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ResponseHeadersVariable { get; set; }

        /// <summary>Writes error answers (4xx, and 5xx not retried) as output instead of errors.</summary>
        [Parameter]
        public SwitchParameter SkipHttpErrorCheck { get; set; }

        /// <summary>The Version header of these requests only (v3 included); default: the connection's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContactsModule.Completion.ApiVersionCompleter))]
        public string ApiVersion { get; set; }

        /// <summary>Retries POST and PATCH after a 5xx, timeout or broken connection too (they may then take effect twice).</summary>
        [Parameter]
        public SwitchParameter RetryUnsafe { get; set; }

        private HttpMethod _method;
        private string _body;
        private List<KeyValuePair<string, string>> _query;
        private RawApiClient _client;
        private int _rowNumber;

        protected override void BeginProcessing()
        {
            _method = new HttpMethod(Method.ToUpperInvariant());
            string label = MyInvocation.MyCommand.Name;

            // The template is checked before any row: a path naming another host is refused whatever is piped.
            string probe = Placeholder.Replace(Path, "x");
            string refusal = RawApiPath.Check(probe);
            if (refusal != null) ThrowTerminatingError(ContactErrors.PathRefused(label, Path, refusal, Path));

            if (ApiVersion != null && !ApiVersionText.IsDate(ApiVersion) && !ApiVersionText.IsNamed(ApiVersion))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-ApiVersion '" + ApiVersion + "' is not a HighLevel version: give a date such as " +
                                          ApiVersionText.NewestTested + " or a name such as v3."),
                    ErrorIds.VersionInvalid, ErrorCategory.InvalidArgument, ApiVersion));
            }

            try
            {
                _body = BuildBody();
                _query = BuildQuery();
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ContactErrors.BodyInvalid(label, ex.Message, Body));
            }
            _client = new RawApiClient(Api.Session);
        }

        protected override void ProcessRecord()
        {
            _rowNumber++;
            bool piped = MyInvocation.ExpectingInput;
            string contactId = CellText.Clean(ContactId);
            string label = piped
                ? RowLabel.For(true, _rowNumber, contactId ?? "without id")
                : MyInvocation.MyCommand.Name;
            object target = (object)InputObject ?? Path;

            if (!TryFillPath(contactId, out string filled, out string why))
            {
                WriteError(ContactErrors.PathRefused(label, Path, why, target));
                return;
            }
            if (!RawApiPath.TryParse(filled, out string path, out var pathQuery, out string refusal))
            {
                WriteError(ContactErrors.PathRefused(label, filled, refusal, target));
                return;
            }
            pathQuery.AddRange(_query);
            var request = new RawApiRequest(_method, path, pathQuery, _body) { ApiVersion = ApiVersion, RetryUnsafe = RetryUnsafe };

            if (_method != HttpMethod.Get && !ShouldProcess(request.PathAndQuery, WhatIfAction(request))) return;
            Send(request, label, target);
        }

        private void Send(RawApiRequest request, string label, object target)
        {
            int page = 1;
            while (request != null)
            {
                ApiResponse response;
                try
                {
                    response = Run(ct => _client.SendAsync(request, Trace, ct));
                }
                catch (ContactsApiException ex)
                {
                    if (ex.StatusCode.HasValue) SetVariable(StatusCodeVariable, ex.StatusCode.Value);
                    WriteRawError(ex, label, target);
                    return;
                }
                catch (InvalidOperationException ex)
                {
                    WriteError(ContactErrors.PathRefused(label, request.PathAndQuery, ex.Message, target));
                    return;
                }

                SetVariable(StatusCodeVariable, response.StatusCode);
                if (ResponseHeadersVariable != null)
                    SetVariable(ResponseHeadersVariable, new Dictionary<string, string[]>(response.Headers ?? new Dictionary<string, string[]>(), StringComparer.OrdinalIgnoreCase));

                if (!response.IsSuccess && !SkipHttpErrorCheck)
                {
                    WriteRawError(RawApiClient.ToException(request, response), label, target);
                    return;
                }
                WriteResponse(request, response);
                if (!Paginate || !response.IsSuccess) return;

                var step = RawPaging.Next(request, response.Body, _client.BaseUri);
                if (step.Refusal != null)
                {
                    WriteError(ContactErrors.NextPageRefused(label, step.Refusal, target));
                    return;
                }
                if (step.Next == null)
                {
                    WriteVerbose(string.Format(CultureInfo.InvariantCulture, "-Paginate: stopped after page {0}: {1}.", page, step.Reason));
                    return;
                }
                page++;
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "-Paginate: page {0} by {1}: {2}", page, step.Style, step.Next));
                request = step.Next;
            }
        }

        private void WriteRawError(ContactsApiException ex, string label, object target)
        {
            var record = ContactErrors.FromRawApi(ex, label, target);
            if (ContactErrors.IsTerminating(ex.Kind)) ThrowTerminatingError(record);
            WriteError(record);
        }

        private void WriteResponse(RawApiRequest request, ApiResponse response)
        {
            switch (OutputType.ToUpperInvariant())
            {
                case "JSON":
                    if (!string.IsNullOrEmpty(response.Body)) WriteObject(response.Body);
                    break;
                case "HTTPRESPONSE":
                    WriteObject(new ContactsApiResponse
                    {
                        StatusCode = response.StatusCode,
                        StatusDescription = response.ReasonPhrase,
                        Headers = new Dictionary<string, string[]>(response.Headers ?? new Dictionary<string, string[]>(), StringComparer.OrdinalIgnoreCase),
                        Content = response.Body ?? string.Empty,
                        ContentType = response.ContentType,
                        Method = request.Method.Method,
                        Path = request.PathAndQuery,
                        ApiVersion = response.ApiVersion,
                        Attempts = response.Attempts,
                        Elapsed = response.Elapsed,
                    });
                    break;
                default:
                    if (string.IsNullOrWhiteSpace(response.Body)) break;
                    if (RawJson.TryParse(response.Body, out var plain)) WriteObject(ResponseObjectConverter.ToPSObject(plain), enumerateCollection: true);
                    else WriteObject(response.Body);
                    break;
            }
        }

        /// <summary>{contactId} (any case) takes the contact id; {id} takes it when the path has no {contactId}. Anything left unfilled is refused.</summary>
        private bool TryFillPath(string contactId, out string filled, out string why)
        {
            why = null;
            bool hasContactId = false;
            foreach (Match match in Placeholder.Matches(Path))
                if (string.Equals(match.Groups[1].Value, "contactId", StringComparison.OrdinalIgnoreCase)) hasContactId = true;
            var unfilled = new List<string>();
            filled = Placeholder.Replace(Path, match =>
            {
                string name = match.Groups[1].Value;
                bool fills = string.Equals(name, "contactId", StringComparison.OrdinalIgnoreCase) ||
                             (!hasContactId && string.Equals(name, "id", StringComparison.OrdinalIgnoreCase));
                if (fills && contactId != null) return Uri.EscapeDataString(contactId);
                unfilled.Add(match.Value);
                return match.Value;
            });
            if (unfilled.Count == 0) return true;
            why = "the path has " + string.Join(", ", unfilled) + " and nothing fills " + (unfilled.Count == 1 ? "it" : "them") +
                  ": pipe contacts (or rows with an Id or ContactId column) or pass -ContactId; write other ids into the path.";
            return false;
        }

        private string BuildBody()
        {
            if (Body == null) return null;
            if (_method == HttpMethod.Get) throw new ArgumentException("a GET request cannot carry -Body; put its parameters in -Query.");
            object raw = Body is PSObject ps ? ps.BaseObject : Body;
            if (raw is string text)
            {
                if (!RawJson.IsJson(text))
                    throw new ArgumentException("-Body is a string that is not JSON; pass a hashtable or PSCustomObject, or a JSON string.");
                return text;
            }
            return RawJson.Write(RequestBodyConverter.ToPlain(Body));
        }

        private List<KeyValuePair<string, string>> BuildQuery()
        {
            var query = new List<KeyValuePair<string, string>>();
            if (Query == null) return query;
            foreach (DictionaryEntry entry in Query)
            {
                string name = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture);
                if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("-Query has an entry without a name.");
                object value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value == null) throw new ArgumentException("-Query's '" + name + "' has no value; leave it out, or give an empty string.");
                if (value is IEnumerable items && !(value is string))
                {
                    foreach (var item in items) query.Add(new KeyValuePair<string, string>(name, RequestBodyConverter.ToQueryText(item)));
                }
                else
                {
                    query.Add(new KeyValuePair<string, string>(name, RequestBodyConverter.ToQueryText(value)));
                }
            }
            return query;
        }

        private string WhatIfAction(RawApiRequest request)
        {
            string action = request.Method.Method;
            if (request.JsonBody != null)
            {
                string preview = request.JsonBody.Length > MaxBodyPreview ? request.JsonBody.Substring(0, MaxBodyPreview) + "..." : request.JsonBody;
                action += " with body " + preview;
            }
            return action;
        }

        private void SetVariable(string name, object value)
        {
            if (!string.IsNullOrEmpty(name)) SessionState.PSVariable.Set(name, value);
        }
    }
}
