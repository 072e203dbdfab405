using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Api;
using ContactsModule.Execution;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// The engine of the per-row cmdlets: up to ThrottleLimit calls in flight while the pipeline keeps feeding rows,
    /// results written in input order, progress at most four times a second, and no row lost on a stop: every row
    /// read ends as an output, an error record, or (after a stop that allows no more output) a place in
    /// $ContactsUnconfirmedRows. 401/403/quota/unreachable/rate-limited end the run: rows whose change left the
    /// client get ContactUnconfirmed, rows that never left it ContactNotSent. Runs on the pipeline thread; the
    /// cmdlet supplies each row's operation.
    /// </summary>
    internal sealed class RowRunner
    {
        /// <summary>After a stop: the input rows whose outcome was not written.</summary>
        public const string UnconfirmedRowsVariable = "global:ContactsUnconfirmedRows";

        /// <summary>Rows an agency run keeps in flight or waiting (output stays in input order).</summary>
        public const int AgencyWindow = 2000;
        /// <summary>After a terminating error, rows whose request left the client get this long to finish, so their outcome is known.</summary>
        private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(3);

        private readonly ContactsApiCmdlet _cmdlet;
        private readonly string _resendAdvice;
        private readonly OrderedTaskQueue<PipelineRow, RowResult> _queue;
        private readonly CancellationTokenSource _abort;
        private readonly ImportProgress _progress;
        private readonly bool _showProgress;
        private readonly LocationThrottle _locations;
        // The last queued row holding each email or phone: a later row with the same one waits for its outcome.
        private readonly Dictionary<string, Task> _lastByKey = new Dictionary<string, Task>(StringComparer.Ordinal);
        private PipelineRow _current;
        private Task<RowResult> _currentTask;
        // -ReportPath: one CSV line per row, in input order (rows up to _reportedThrough have theirs).
        private RunReportWriter _report;
        private int _reportedThrough;
        private int _rowsRead;
        private bool _finished;
        private bool _stopReported;

        /// <param name="resendAdvice">What to do after a stop to finish the input, as a sentence (RowRunner.CreateAdvice for creates).</param>
        /// <param name="locations">For an agency run: per-location limits (ThrottleLimit per location, LocationThrottleLimit locations).</param>
        /// <param name="reportPath">-ReportPath: the run report's path, resolved against the current location (none under -WhatIf). A path
        /// that cannot be created is a terminating error, before any row is read.</param>
        public RowRunner(ContactsApiCmdlet cmdlet, string activity, int throttleLimit, string resendAdvice, LocationThrottle locations = null, string reportPath = null)
        {
            _cmdlet = cmdlet;
            // Before the run begins: a report that cannot be written stops the cmdlet before anything is sent.
            if (!string.IsNullOrEmpty(reportPath) && !cmdlet.IsWhatIf()) _report = OpenReport(cmdlet, reportPath);
            _resendAdvice = resendAdvice;
            _abort = CancellationTokenSource.CreateLinkedTokenSource(cmdlet.StopToken);
            _locations = locations;
            if (locations == null)
            {
                // A deep buffer: a row waiting out a backoff or a look-up grace period at the head must not stall the rows behind it.
                _queue = new OrderedTaskQueue<PipelineRow, RowResult>(throttleLimit, Math.Max(512, throttleLimit * 32));
            }
            else
            {
                // Every buffered row starts at once and waits for its location's slot, so a full location never holds up
                // the rows of another. The window is wide so that a file sorted by location still works several at a time.
                int window = Math.Max(AgencyWindow, locations.PerLocation * locations.MaxLocations * 4);
                _queue = new OrderedTaskQueue<PipelineRow, RowResult>(window, window);
            }
            cmdlet.BeginRun(this);
            SetUnconfirmed(new object[0]);
            // Progress is for piped input only (a single call needs no bar). It is shown from the start, so that a
            // run that stops at its first row still ends with a Completed record.
            _progress = new ImportProgress(activity);
            _showProgress = cmdlet.MyInvocation.ExpectingInput;
            if (_showProgress) _progress.Update(cmdlet, force: true);
        }

        /// <summary>Tag of the summary information record.</summary>
        public const string SummaryTag = "ContactsModule.Summary";

        private bool Stopping => _cmdlet.StopToken.IsCancellationRequested;

        /// <summary>When set, the counts of a piped run, written at its end as an information record and a verbose line.</summary>
        public ContactRunSummary Summary { get; set; }

        /// <summary>
        /// The next row, numbered from 1. Its label comes from <paramref name="makeLabel"/> (row number, piped?), by
        /// default "Row N" when piped and the cmdlet's name otherwise.
        /// </summary>
        public PipelineRow NextRow(object target, Func<int, bool, string> makeLabel = null)
        {
            _rowsRead++;
            if (Summary != null) Summary.Read = _rowsRead;
            bool piped = _cmdlet.MyInvocation.ExpectingInput;
            string label = makeLabel != null
                ? makeLabel(_rowsRead, piped)
                : piped ? "Row " + _rowsRead.ToString(CultureInfo.InvariantCulture) : _cmdlet.MyInvocation.MyCommand.Name;
            return new PipelineRow(_rowsRead, label, target);
        }

        /// <summary>Sends the row's calls as soon as a slot is free; its result is written in turn.</summary>
        public void Enqueue(PipelineRow row, Func<CancellationToken, Task<RowResult>> operation) => Enqueue(row, (IEnumerable<string>)null, operation);

        /// <summary>
        /// Like Enqueue, but the row waits (without holding a slot) until every earlier row sharing one of
        /// <paramref name="keys"/> (an email, a phone) has its outcome: two rows of one run that may be the same
        /// contact are never in flight at once.
        /// </summary>
        public void Enqueue(PipelineRow row, IEnumerable<string> keys, Func<CancellationToken, Task<RowResult>> operation)
        {
            var before = new List<Task>();
            var own = new List<string>();
            if (keys != null)
            {
                foreach (var key in keys)
                {
                    if (string.IsNullOrEmpty(key) || own.Contains(key)) continue;
                    own.Add(key);
                    if (_lastByKey.TryGetValue(key, out var earlier) && !earlier.IsCompleted && !before.Contains(earlier)) before.Add(earlier);
                }
            }
            var run = operation;
            if (before.Count > 0)
            {
                run = async ct =>
                {
                    await RequestSlots.WaitOutsideSlotAsync(WhenAllQuietly(before)).ConfigureAwait(false);
                    ct.ThrowIfCancellationRequested();
                    return await operation(ct).ConfigureAwait(false);
                };
            }
            var task = _queue.Enqueue(row, run, _abort.Token);
            if (own.Count > 0)
            {
                if (_lastByKey.Count > 4096) PruneKeys();
                foreach (var key in own) _lastByKey[key] = task;
            }
            Pump(untilEmpty: false);
        }

        /// <summary>An agency run: the row's calls wait for a slot of its location (see LocationThrottle) before they start.</summary>
        public void Enqueue(PipelineRow row, string locationId, Func<CancellationToken, Task<RowResult>> operation) =>
            Enqueue(row, locationId, (IEnumerable<string>)null, operation);

        /// <summary>
        /// Both: the row waits for the earlier rows sharing one of <paramref name="keys"/>, then for its location's slot.
        /// In an agency run, one location refusing (403, not active, its token refused, its daily quota) fails that
        /// location's rows only: the others go on.
        /// </summary>
        public void Enqueue(PipelineRow row, string locationId, IEnumerable<string> keys, Func<CancellationToken, Task<RowResult>> operation)
        {
            if (_locations == null)
            {
                Enqueue(row, keys, operation);
                return;
            }
            var locations = _locations;
            Enqueue(row, keys, async ct =>
            {
                using (await locations.EnterAsync(locationId, ct).ConfigureAwait(false))
                {
                    try
                    {
                        return await operation(ct).ConfigureAwait(false);
                    }
                    catch (ContactsApiException ex) when (ContactErrors.IsLocationScoped(ex.Kind))
                    {
                        return RowResult.Failed(ContactErrors.FromApi(ex, row.FailureLabel + " (location " + locationId + ")", row.Target));
                    }
                }
            });
        }

        /// <summary>A row whose result is known without a call (a validation error, say): it keeps its place in the order.</summary>
        public void Enqueue(PipelineRow row, RowResult result)
        {
            _queue.EnqueueCompleted(row, result);
            Pump(untilEmpty: false);
        }

        /// <summary>At the end of the input: waits for every row and closes the progress bar.</summary>
        public void Finish()
        {
            Pump(untilEmpty: true);
            _finished = true;
            CloseReport();
            _progress.Complete(_cmdlet);
            WriteSummary();
        }

        private void WriteSummary()
        {
            if (Summary == null || !_showProgress) return;
            _cmdlet.WriteInformation(Summary, new[] { SummaryTag });
            _cmdlet.WriteVerbose(Summary.ToString());
        }

        private void Count(RowResult result)
        {
            if (Summary == null) return;
            if (result.IsEmptyRow) Summary.EmptyRowsSkipped++;
            else if (result.Error != null) Summary.Failed++;
            else if (result.Skipped) Summary.Skipped++;
            else
            {
                var outcome = (result.Output as Contact)?.Outcome ?? result.Outcome;
                if (outcome == ContactOutcome.Created) Summary.Created++;
                else if (outcome == ContactOutcome.Updated) Summary.Updated++;
            }
        }

        /// <summary>
        /// -ErrorAction Stop on a row's error, or a downstream Select-Object -First, ends the cmdlet by an exception
        /// out of WriteError/WriteObject: the rows still queued or in flight are named, then the exception goes on.
        /// </summary>
        public void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is ActionPreferenceStopException)
            {
                // The write that threw delivered its row: Select-Object took the object, -ErrorAction Stop made the error terminating.
                bool currentDelivered = !Stopping;
                string why = ex is ActionPreferenceStopException ? "a row's error stopped the run (-ErrorAction Stop)"
                    : Stopping ? "the run was stopped" : "a later command in the pipeline stopped it (Select-Object -First, say)";
                ReportStop(why, currentDelivered);
                try
                {
                    _progress.Complete(_cmdlet);
                }
                catch (PipelineStoppedException)
                {
                }
                throw;
            }
        }

        /// <summary>The pipeline is done with the cmdlet. If it was stopped while waiting for input (Ctrl+C upstream), nothing else reports the rows.</summary>
        public void OnDisposed()
        {
            if (!_finished && !_stopReported) ReportStop("the run was stopped", currentDelivered: false);
            CloseReport();
        }

        /// <summary>Writes every finished row in input order; waits while the queue is full (or, at the end, until it is empty).</summary>
        private void Pump(bool untilEmpty)
        {
            while (true)
            {
                while (_queue.TryDequeueCompleted(out var row, out var task))
                {
                    // Until its result is written, a dequeued row counts as unconfirmed if the run is stopped.
                    _current = row;
                    _currentTask = task;
                    if (Stopping) StopNow();
                    try
                    {
                        Emit(row, task);
                    }
                    catch (PipelineStoppedException) when (Stopping)
                    {
                        StopNow();
                    }
                    _current = null;
                    _currentTask = null;
                }
                _cmdlet.FlushTrace();
                if (_showProgress) _progress.Update(_cmdlet, force: false);
                bool mustWait = untilEmpty ? _queue.Count > 0 : _queue.IsFull;
                if (!mustWait) return;
                if (Stopping) StopNow();
                _queue.WaitForOldest(TimeSpan.FromMilliseconds(100));
            }
        }

        private void Emit(PipelineRow row, Task<RowResult> task)
        {
            if (task.IsCanceled)
            {
                if (Stopping) StopNow();
                ReportCompleted(row, task);
                _progress.Failed++;
                if (Summary != null) Summary.NotSent++;
                _cmdlet.WriteError(ContactErrors.NotSent(row.Label, "the run was stopped.", row.Target));
                return;
            }
            if (task.IsFaulted)
            {
                var ex = task.Exception.GetBaseException();
                if (ex is OperationCanceledException && Stopping) StopNow();
                var api = ex as ContactsApiException ?? new ContactsApiException(ApiErrorKind.InvalidResponse, ex.Message, ex);
                if (ContactErrors.IsTerminating(api.Kind)) StopForTerminating(row, api);
                ReportCompleted(row, task);
                _progress.Failed++;
                if (Summary != null) Summary.Failed++;
                _cmdlet.WriteError(ContactErrors.FromApi(api, row.FailureLabel, row.Target));
                return;
            }
            var result = task.Result;
            Count(result);
            // The report line first: if the write below ends the run (-ErrorAction Stop), the row's outcome is still in the report.
            ReportCompleted(row, task);
            if (result.IsEmptyRow) return;
            if (result.Error != null)
            {
                _progress.Failed++;
                _cmdlet.WriteError(result.Error);
                return;
            }
            if (result.Warning != null) _cmdlet.WriteWarning(row.Label + ": " + result.Warning);
            if (result.Skipped) _progress.Skipped++;
            else _progress.Succeeded++;
            if (result.Output is Contact contact) _cmdlet.NameCustomFields(contact);
            if (result.Output != null) _cmdlet.WriteObject(result.Output);
        }

        /// <summary>
        /// 401, 403, the daily quota, an unreachable API or an absurd wait: nothing more can succeed. No more requests
        /// leave; those already sent get a moment to finish; then every row read gets its outcome written.
        /// </summary>
        private void StopForTerminating(PipelineRow failedRow, ContactsApiException api)
        {
            _stopReported = true;
            Report(failedRow, ReportFailed, ContactErrors.FromApi(api, failedRow.FailureLabel, failedRow.Target), failedRow.ContactId);
            _queue.StopSending();
            _queue.WaitForSent(InFlightGrace);
            _abort.Cancel();
            int doneBefore = _progress.Done;
            string done = string.Format(CultureInfo.InvariantCulture, "{0} row(s) done before it ({1} succeeded, {2} skipped, {3} failed)",
                doneBefore, _progress.Succeeded, _progress.Skipped, _progress.Failed);
            string why = "the run stopped at " + failedRow.Label + " (" + ErrorIdOf(api) + ").";
            var notSent = new List<int>();
            var unconfirmed = new List<PipelineRow>();
            int finishedAfter = 0;
            foreach (var entry in _queue.DrainRows())
            {
                var row = entry.Row;
                if (entry.State == QueuedRowState.Completed)
                {
                    var other = entry.Task.IsFaulted ? entry.Task.Exception.GetBaseException() as ContactsApiException : null;
                    if (other != null && ContactErrors.IsTerminating(other.Kind))
                    {
                        // Stopped by the same cause. Rejected answers stored nothing, unless an earlier attempt may have.
                        if (other.MayHaveTakenEffect)
                        {
                            unconfirmed.Add(row);
                            WriteAndReport(row, ReportUnconfirmed, ContactErrors.Unconfirmed(row.Label, why, row.Target));
                        }
                        else if (!entry.WasSent || other.Kind == ApiErrorKind.Unreachable || other.Kind == ApiErrorKind.RateLimited)
                        {
                            // Refused before sending, or every attempt failed to connect: it never reached HighLevel.
                            notSent.Add(row.Number);
                            WriteAndReport(row, ReportNotSent, ContactErrors.NotSent(row.Label, why, row.Target));
                        }
                        else
                        {
                            _progress.Failed++;
                            if (Summary != null) Summary.Failed++;
                            WriteAndReport(row, ReportFailed, ContactErrors.FromApi(other, row.FailureLabel, row.Target));
                        }
                        continue;
                    }
                    // Finished on its own (created, say, or a validation error): its result is written as usual.
                    finishedAfter++;
                    Emit(row, entry.Task);
                    continue;
                }
                if (entry.State == QueuedRowState.Sent)
                {
                    unconfirmed.Add(row);
                    WriteAndReport(row, ReportUnconfirmed, ContactErrors.Unconfirmed(row.Label, why, row.Target));
                }
                else
                {
                    notSent.Add(row.Number);
                    WriteAndReport(row, ReportNotSent, ContactErrors.NotSent(row.Label, why, row.Target));
                }
            }
            SetUnconfirmed(Targets(unconfirmed));
            _cmdlet.FlushTrace();
            _progress.Complete(_cmdlet);
            if (Summary != null)
            {
                Summary.Failed += 1 + unconfirmed.Count;
                Summary.NotSent += notSent.Count;
                WriteSummary();
            }
            var record = ContactErrors.FromApi(api, failedRow.FailureLabel, failedRow.Target);
            string summary = string.Format(CultureInfo.InvariantCulture,
                " Stopped after reading {0} row(s): {1}; {2} finished after it (written above); {3} were in flight with an unknown outcome{4} (ContactUnconfirmed errors, also in $ContactsUnconfirmedRows); {5} were not sent{6} (ContactNotSent errors). No row after row {0} was read.",
                _rowsRead, done, finishedAfter, unconfirmed.Count, RowList(Numbers(unconfirmed)), notSent.Count, RowList(notSent));
            record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message + summary)
            {
                RecommendedAction = record.ErrorDetails.RecommendedAction + " " + ResendAdvice(),
            };
            CloseReport();
            _cmdlet.ThrowTerminatingError(record);
        }

        private string ResendAdvice() => _resendAdvice;

        /// <summary>The advice after a stop for cmdlets that create: <paramref name="command"/> skips what was created.</summary>
        public static string CreateAdvice(string command) => string.Format(CultureInfo.InvariantCulture,
            "To send every row of the input once, run the whole input again with {0}: the rows already created are skipped. " +
            "(In a location that allows duplicate contacts, look up the unconfirmed rows first and send only the rest.)", command);

        private static string ErrorIdOf(ContactsApiException api) => ContactErrors.FromApi(api, string.Empty, null).FullyQualifiedErrorId;

        /// <summary>Ctrl+C while a row's result is being written or waited for.</summary>
        private void StopNow()
        {
            ReportStop("the run was stopped", currentDelivered: false);
            throw new PipelineStoppedException();
        }

        /// <summary>
        /// A stop after which PowerShell takes no more output: calls in flight are cancelled, and the rows read whose
        /// result was not written (finished, in flight or queued) are named on the host and kept in
        /// $global:ContactsUnconfirmedRows (the input rows themselves).
        /// </summary>
        private void ReportStop(string why, bool currentDelivered)
        {
            if (_stopReported) return;
            _stopReported = true;
            _abort.Cancel();
            var finished = new List<PipelineRow>();
            var inFlight = new List<PipelineRow>();
            var notSent = new List<PipelineRow>();
            var all = new List<PipelineRow>();
            string note = "The run stopped (" + why + ") before this row's result was written to the pipeline; the row is in $ContactsUnconfirmedRows.";
            if (_current != null && !currentDelivered)
            {
                finished.Add(_current);
                all.Add(_current);
                if (_currentTask != null) ReportCompleted(_current, _currentTask, note);
            }
            foreach (var entry in _queue.DrainRows())
            {
                all.Add(entry.Row);
                if (entry.State == QueuedRowState.Completed)
                {
                    finished.Add(entry.Row);
                    ReportCompleted(entry.Row, entry.Task, note);
                }
                else if (entry.State == QueuedRowState.Sent)
                {
                    inFlight.Add(entry.Row);
                    Report(entry.Row, ReportUnconfirmed, entry.Row.ContactId, null, ErrorIds.Unconfirmed,
                        entry.Row.Label + ": the row's request had left this computer when the run stopped (" + why + "); its outcome is not known. " +
                        "Look it up before sending it again; the row is in $ContactsUnconfirmedRows.", null);
                }
                else
                {
                    notSent.Add(entry.Row);
                    Report(entry.Row, ReportNotSent, entry.Row.ContactId, null, ErrorIds.NotSent,
                        entry.Row.Label + ": not sent: the run stopped (" + why + ") first. The row is in $ContactsUnconfirmedRows.", null);
                }
            }
            CloseReport();
            SetUnconfirmed(Targets(all));
            int written = _rowsRead - all.Count;
            string message = string.Format(CultureInfo.InvariantCulture,
                "Stopped: {0}. {1} row(s) were read and {2} written (output or error). Not written: {3} finished{4}, {5} sent with an unknown outcome{6}, {7} never sent{8}; all {9} are in $ContactsUnconfirmedRows. No row after row {1} was read. {10}",
                why, _rowsRead, written, finished.Count, RowList(Numbers(finished)), inFlight.Count, RowList(Numbers(inFlight)),
                notSent.Count, RowList(Numbers(notSent)), all.Count, ResendAdvice());
            try
            {
                _cmdlet.Host?.UI?.WriteWarningLine(message);
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is NotImplementedException || ex is System.IO.IOException || ex is PipelineStoppedException)
            {
            }
        }

        /// <summary>Report outcomes that no ContactOutcome names.</summary>
        internal const string ReportFailed = "Failed";
        internal const string ReportNotSent = "NotSent";
        internal const string ReportUnconfirmed = "Unconfirmed";
        internal const string ReportEmpty = "Empty";

        /// <summary>-ReportPath resolved as Export-Csv resolves -Path (against the current location, file system only), and the file created.</summary>
        private static RunReportWriter OpenReport(ContactsApiCmdlet cmdlet, string path)
        {
            string fullPath = null;
            try
            {
                fullPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out PSDriveInfo _);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                    throw new NotSupportedException("the path is on the " + provider.Name + " drive, not in the file system.");
                return new RunReportWriter(fullPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException ||
                                       ex is SessionStateException || ex is System.Security.SecurityException || ex is PSNotSupportedException)
            {
                cmdlet.ThrowTerminatingError(ContactErrors.ReportPathFailed(cmdlet.MyInvocation.MyCommand.Name, path, fullPath, ex));
                return null;
            }
        }

        private void CloseReport()
        {
            var report = _report;
            _report = null;
            report?.Dispose();
        }

        /// <summary>A row's error record: its report line, then the error stream.</summary>
        private void WriteAndReport(PipelineRow row, string outcome, ErrorRecord record)
        {
            Report(row, outcome, record, row.ContactId);
            _cmdlet.WriteError(record);
        }

        /// <summary>The report line of a row whose task has finished (<paramref name="note"/>: said of a success that the pipeline did not get).</summary>
        private void ReportCompleted(PipelineRow row, Task<RowResult> task, string note = null)
        {
            if (_report == null || row.Number <= _reportedThrough) return;
            if (task.IsCanceled)
            {
                Report(row, ReportNotSent, ContactErrors.NotSent(row.Label, "the run was stopped.", row.Target), row.ContactId, note);
                return;
            }
            if (task.IsFaulted)
            {
                var ex = task.Exception.GetBaseException();
                var api = ex as ContactsApiException ?? new ContactsApiException(ApiErrorKind.InvalidResponse, ex.Message, ex);
                Report(row, ReportFailed, ContactErrors.FromApi(api, row.FailureLabel, row.Target), api.DuplicateContactId ?? row.ContactId, note);
                return;
            }
            var result = task.Result;
            if (result.IsEmptyRow)
            {
                Report(row, ReportEmpty, null, null, null, row.Label + ": every cell is blank; nothing was sent.", null);
                return;
            }
            if (result.Error != null)
            {
                string duplicateOf = (result.Error.Exception as ContactsApiException)?.DuplicateContactId;
                Report(row, result.Outcome?.ToString() ?? ReportFailed, result.Error, result.ContactId ?? duplicateOf ?? row.ContactId, note);
                return;
            }
            var contact = result.Output as Contact;
            string outcome = contact != null ? contact.Outcome.ToString()
                : result.Outcome.HasValue ? result.Outcome.Value.ToString()
                : result.Skipped ? ContactOutcome.Skipped.ToString() : "Done";
            string message = result.Warning == null ? null : row.Label + ": " + result.Warning;
            if (note != null) message = message == null ? note : message + " " + note;
            Report(row, outcome, contact?.Id ?? result.ContactId ?? row.ContactId, result.ChangedFields, null, message, null);
        }

        private void Report(PipelineRow row, string outcome, ErrorRecord record, string contactId, string note = null)
        {
            if (_report == null) return;
            string id = record.FullyQualifiedErrorId ?? string.Empty;
            int comma = id.IndexOf(',');
            if (comma >= 0) id = id.Substring(0, comma);
            string message = record.ErrorDetails?.Message ?? record.Exception?.Message;
            if (note != null) message = message + " " + note;
            Report(row, outcome, contactId, null, id, message, (record.Exception as ContactsApiException)?.TraceId);
        }

        private void Report(PipelineRow row, string outcome, string contactId, string[] changedFields, string errorId, string message, string traceId)
        {
            if (_report == null || row.Number <= _reportedThrough) return;
            _reportedThrough = row.Number;
            try
            {
                _report.Write(row.Number, outcome, contactId, changedFields, errorId, message, traceId);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ObjectDisposedException)
            {
                // The run goes on; the report says no more than what it holds, and the user hears why once.
                string path = _report.Path;
                CloseReport();
                try
                {
                    _cmdlet.WriteWarning("The run report " + path + " could not be written from row " + row.Number.ToString(CultureInfo.InvariantCulture) +
                                         " on (" + ex.Message + "); it holds the rows before it. The run goes on.");
                }
                catch (Exception inner) when (inner is PipelineStoppedException || inner is PSInvalidOperationException)
                {
                }
            }
        }

        private void SetUnconfirmed(object[] rows)
        {
            try
            {
                _cmdlet.SessionState.PSVariable.Set(UnconfirmedRowsVariable, rows);
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is SessionStateException)
            {
            }
        }

        private void PruneKeys()
        {
            var done = new List<string>();
            foreach (var pair in _lastByKey) if (pair.Value.IsCompleted) done.Add(pair.Key);
            foreach (var key in done) _lastByKey.Remove(key);
        }

        private static Task WhenAllQuietly(List<Task> tasks)
        {
            var quiet = new Task[tasks.Count];
            for (int i = 0; i < tasks.Count; i++)
                quiet[i] = tasks[i].ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return Task.WhenAll(quiet);
        }

        private static object[] Targets(List<PipelineRow> rows)
        {
            var targets = new object[rows.Count];
            for (int i = 0; i < rows.Count; i++) targets[i] = rows[i].Target;
            return targets;
        }

        private static List<int> Numbers(List<PipelineRow> rows)
        {
            var numbers = new List<int>(rows.Count);
            foreach (var row in rows) numbers.Add(row.Number);
            return numbers;
        }

        private static string RowList(List<int> numbers)
        {
            if (numbers.Count == 0) return string.Empty;
            var parts = new List<string>();
            int limit = Math.Min(numbers.Count, 50);
            for (int i = 0; i < limit; i++) parts.Add(numbers[i].ToString(CultureInfo.InvariantCulture));
            return " (rows " + string.Join(", ", parts) + (numbers.Count > limit ? ", ..." : string.Empty) + ")";
        }
    }
}
