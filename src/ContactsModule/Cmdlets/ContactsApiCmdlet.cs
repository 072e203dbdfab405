using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using ContactsModule.Session;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// What every API cmdlet shares: -Connection (default: the current one), Ctrl+C cancelling calls in
    /// flight, and the client's verbose lines written on the pipeline thread.
    /// </summary>
    public abstract class ContactsApiCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private ContactsApi _api;
        private ContactsApiConnection _connection;
        private RowRunner _runner;

        /// <summary>A connection from Connect-ContactsApi -PassThru; default: the current connection.</summary>
        [Parameter]
        [ValidateNotNull]
        public ContactsApiConnection Connection { get; set; }

        internal PipelineTrace Trace { get; } = new PipelineTrace();
        internal CancellationToken StopToken => _stop.Token;

        /// <summary>The connection in use; a terminating ContactsApiNotConnected error when there is none.</summary>
        protected ContactsApiConnection ActiveConnection
        {
            get
            {
                if (_connection == null)
                {
                    _connection = Connection ?? ConnectionState.Current;
                    if (_connection == null) ThrowTerminatingError(ContactErrors.NotConnected());
                    _connection.BeginCall();
                }
                return _connection;
            }
        }

        internal ContactsApi Api => _api ?? (_api = ActiveConnection.CreateApi());

        /// <summary>The client for a row's location: on an agency connection each location has its own token and limiter.</summary>
        internal ContactsApi ApiFor(string locationId) =>
            ActiveConnection.IsAgency && !string.IsNullOrEmpty(locationId) ? ActiveConnection.CreateApi(locationId) : Api;

        protected override void StopProcessing()
        {
            _stop.Cancel();
        }

        /// <summary>A per-row run starts: the client's breaker and refusals start fresh, and the runner hears when the pipeline ends.</summary>
        internal void BeginRun(RowRunner runner)
        {
            _runner = runner;
            ActiveConnection.BeginRun();
        }

        /// <summary>
        /// PowerShell disposes the cmdlet when the pipeline ends, however it ends: a stop while the cmdlet waited for
        /// input (Ctrl+C during a slow upstream) reaches it only here.
        /// </summary>
        public void Dispose()
        {
            _runner?.OnDisposed();
            _stop.Dispose();
        }

        /// <summary>Writes the client's queued verbose and debug lines.</summary>
        internal void FlushTrace()
        {
            while (Trace.TryDequeue(out var line))
            {
                if (line.IsDebug) WriteDebug(line.Message);
                else WriteVerbose(line.Message);
            }
        }

        /// <summary>Runs one call to completion on the pipeline thread, writing its verbose lines as they come.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> call)
        {
            var task = call(StopToken);
            while (!WaitQuietly(task, 100))
            {
                FlushTrace();
                if (StopToken.IsCancellationRequested) break;
            }
            FlushTrace();
            if (StopToken.IsCancellationRequested && !task.IsCompleted) throw new PipelineStoppedException();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Waits for a task without throwing its exception; true once it has finished.</summary>
        internal static bool WaitQuietly(Task task, int milliseconds)
        {
            try
            {
                return task.Wait(milliseconds);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        /// <summary>Writes a row's API failure: terminating for 401/403/quota, a per-row error otherwise.</summary>
        protected void WriteApiError(ContactsApiException ex, string rowLabel, object target)
        {
            var record = ContactErrors.FromApi(ex, rowLabel, target);
            if (ContactErrors.IsTerminating(ex.Kind)) ThrowTerminatingError(record);
            WriteError(record);
        }

        /// <summary>
        /// The location's contact custom fields, read once per connection and location (Get-ContactCustomField shares
        /// them). Null, with a warning, when there is no location to ask or the read failed: columns are then matched by
        /// the standard fields only.
        /// </summary>
        internal System.Collections.Generic.IReadOnlyList<Models.ContactCustomField> ReadCustomFieldSchema(string locationId)
        {
            var connection = ActiveConnection;
            locationId = string.IsNullOrEmpty(locationId) ? connection.LocationId : locationId;
            if (string.IsNullOrEmpty(locationId))
            {
                WriteWarning("Columns were not matched to custom fields by name: this agency connection has no default location (give -LocationId to read its custom fields).");
                return null;
            }
            // -WhatIf sends no request: it uses the fields only if this connection has read them already.
            if (IsWhatIf()) return connection.CustomFieldSchemas.TryGetCached(locationId);
            try
            {
                var session = ApiFor(locationId).Session;
                return Run(ct => connection.CustomFieldSchemas.GetAsync(session, locationId, false, Trace, ct));
            }
            catch (ContactsApiException ex) when (ex.Kind == ApiErrorKind.Unauthorized || ex.Kind == ApiErrorKind.InvalidGrant || ex.Kind == ApiErrorKind.InvalidClient)
            {
                // The credentials were refused: nothing more is sent in this run, and the row's own call ends it with
                // that cause ("... was not sent: GET .../customFields answered 401"), so a warning here would only mislead.
                return null;
            }
            catch (ContactsApiException ex)
            {
                WriteWarning("Could not read the custom fields of location " + locationId + " (" + ex.Message +
                             "); columns were matched by the standard fields only." +
                             (ex.Kind == ApiErrorKind.Forbidden ? " The token needs the scope locations/customFields.readonly." : string.Empty));
                return null;
            }
        }

        /// <summary>
        /// Whether output contacts get custom field keys, names and typed values: None (the default), FromCache (New- and
        /// Set-Contact: the schema their input already read, or the connection already holds; an import asks nothing more)
        /// or Read (Get-Contact: read once per run when an output contact has custom field values).
        /// </summary>
        internal virtual OutputFieldNames OutputCustomFieldNames => OutputFieldNames.None;

        // Per run: the schema of each location the output contacts come from (null when its read failed: warned once, not asked again).
        private System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<Models.ContactCustomField>> _outputSchemas;

        /// <summary>
        /// Gives an output contact's custom field values their Key, Name and typed Value from the location's schema, read
        /// at most once per run and location (and shared with the connection's cache); a contact without custom field
        /// values asks nothing. A failed read writes one warning and leaves the values as the API gave them.
        /// </summary>
        internal void NameCustomFields(Models.Contact contact)
        {
            if (OutputCustomFieldNames == OutputFieldNames.None || contact?.CustomFields == null || contact.CustomFields.Count == 0) return;
            var connection = ActiveConnection;
            if (connection == null) return;
            string locationId = string.IsNullOrEmpty(contact.LocationId) ? connection.LocationId : contact.LocationId;
            if (string.IsNullOrEmpty(locationId)) return;
            if (OutputCustomFieldNames == OutputFieldNames.FromCache)
            {
                var cached = connection.CustomFieldSchemas.TryGetCached(locationId);
                if (cached != null) Conversion.CustomFieldOutputValue.Apply(contact.CustomFields, cached);
                return;
            }
            var schema = ReadOutputSchema(locationId);
            if (schema != null) Conversion.CustomFieldOutputValue.Apply(contact.CustomFields, schema);
        }

        /// <summary>
        /// The location's schema for output contacts: read at most once per run (the connection's cache first); null,
        /// after one warning per run and location, when it cannot be read.
        /// </summary>
        internal System.Collections.Generic.IReadOnlyList<Models.ContactCustomField> ReadOutputSchema(string locationId)
        {
            var connection = ActiveConnection;
            if (connection == null || string.IsNullOrEmpty(locationId)) return null;
            if (_outputSchemas == null)
                _outputSchemas = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<Models.ContactCustomField>>(StringComparer.Ordinal);
            if (_outputSchemas.TryGetValue(locationId, out var schema)) return schema;
            schema = connection.CustomFieldSchemas.TryGetCached(locationId);
            if (schema == null && !IsWhatIf())
            {
                try
                {
                    var session = ApiFor(locationId).Session;
                    schema = Run(ct => connection.CustomFieldSchemas.GetAsync(session, locationId, false, Trace, ct));
                }
                catch (ContactsApiException ex)
                {
                    WriteWarning("Custom field values are shown by id: could not read the custom fields of location " + locationId +
                                 " (" + ex.Message + ")." +
                                 (ex.Kind == ApiErrorKind.Forbidden ? " The token needs the scope locations/customFields.readonly." : string.Empty) +
                                 " (Said once per run.)");
                }
            }
            _outputSchemas[locationId] = schema;
            return schema;
        }

        /// <summary>-WhatIf given, or $WhatIfPreference set.</summary>
        internal bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given) && given is SwitchParameter flag) return flag.IsPresent;
            var preference = SessionState?.PSVariable.GetValue("WhatIfPreference");
            if (preference is PSObject ps) preference = ps.BaseObject;
            return preference is SwitchParameter s ? s.IsPresent : preference is bool b && b;
        }

        /// <summary>How deep a value given to a parameter may nest (hashtables in lists in hashtables...).</summary>
        internal const int MaxInputDepth = 32;

        /// <summary>
        /// PowerShell wraps pipeline values in PSObject; the core wants the plain values inside, recursively: a
        /// PSCustomObject or dictionary becomes an ordered dictionary, a list an object[]. Throws InputTooDeepException
        /// for a value nested deeper than MaxInputDepth, which is what a value containing itself is.
        /// </summary>
        internal static object Unwrap(object value) => Unwrap(value, 0);

        private static object Unwrap(object value, int depth)
        {
            if (depth > MaxInputDepth) throw new InputTooDeepException(MaxInputDepth);
            if (value is PSObject ps)
            {
                var baseObject = ps.BaseObject;
                // A PSCustomObject has no useful base object: keep its properties as a hashtable.
                if (baseObject is PSCustomObject)
                {
                    var table = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in ps.Properties) table[property.Name] = Unwrap(property.Value, depth + 1);
                    return table;
                }
                value = baseObject;
            }
            switch (value)
            {
                case string _:
                    return value;
                case System.Collections.IDictionary dict:
                    // Ordered, so that [ordered]@{...} keeps its order (custom fields go out as written).
                    var copy = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                    foreach (System.Collections.DictionaryEntry entry in dict) copy[Unwrap(entry.Key, depth + 1)] = Unwrap(entry.Value, depth + 1);
                    return copy;
                case System.Collections.IList list:
                    var items = new object[list.Count];
                    for (int i = 0; i < items.Length; i++) items[i] = Unwrap(list[i], depth + 1);
                    return items;
                default:
                    return value;
            }
        }
    }
}
