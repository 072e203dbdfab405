using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// results written in input order, progress at most four times a second, and no row lost on a stop:
    /// 401/403/quota end the run with a ContactNotSent error per queued row; Ctrl+C names the unconfirmed rows.
    /// Runs on the pipeline thread; the cmdlet supplies each row's operation.
    /// </summary>
    internal sealed class RowRunner
    {
        /// <summary>After Ctrl+C: the input rows whose outcome was not confirmed.</summary>
        public const string UnconfirmedRowsVariable = "global:ContactsUnconfirmedRows";

        /// <summary>Rows an agency run keeps in flight or waiting (output stays in input order).</summary>
        public const int AgencyWindow = 2000;

        private readonly ContactsApiCmdlet _cmdlet;
        private readonly string _resendCommand;
        private readonly OrderedTaskQueue<PipelineRow, RowResult> _queue;
        private readonly CancellationTokenSource _abort;
        private readonly ImportProgress _progress;
        private readonly bool _showProgress;
        private readonly LocationThrottle _locations;
        private PipelineRow _current;
        private int _rowsRead;

        /// <param name="resendCommand">How to send unconfirmed rows again, e.g. "New-Contact -OnDuplicate Skip".</param>
        /// <param name="locations">For an agency run: per-location limits (ThrottleLimit per location, LocationThrottleLimit locations).</param>
        public RowRunner(ContactsApiCmdlet cmdlet, string activity, int throttleLimit, string resendCommand, LocationThrottle locations = null)
        {
            _cmdlet = cmdlet;
            _resendCommand = resendCommand;
            _abort = CancellationTokenSource.CreateLinkedTokenSource(cmdlet.StopToken);
            _locations = locations;
            if (locations == null)
            {
                _queue = new OrderedTaskQueue<PipelineRow, RowResult>(throttleLimit, Math.Max(64, throttleLimit * 4));
            }
            else
            {
                // Every buffered row starts at once and waits for its location's slot, so a full location never holds up
                // the rows of another. The window is wide so that a file sorted by location still works several at a time.
                int window = Math.Max(AgencyWindow, locations.PerLocation * locations.MaxLocations * 4);
                _queue = new OrderedTaskQueue<PipelineRow, RowResult>(window, window);
            }
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
        public void Enqueue(PipelineRow row, Func<CancellationToken, Task<RowResult>> operation)
        {
            _queue.Enqueue(row, operation, _abort.Token);
            Pump(untilEmpty: false);
        }

        /// <summary>An agency run: the row's calls wait for a slot of its location (see LocationThrottle) before they start.</summary>
        public void Enqueue(PipelineRow row, string locationId, Func<CancellationToken, Task<RowResult>> operation)
        {
            if (_locations == null)
            {
                Enqueue(row, operation);
                return;
            }
            var locations = _locations;
            Enqueue(row, async ct =>
            {
                using (await locations.EnterAsync(locationId, ct).ConfigureAwait(false))
                {
                    return await operation(ct).ConfigureAwait(false);
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
        /// out of WriteError/WriteObject: cancel the calls still in flight and close the progress bar before it goes.
        /// </summary>
        public void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is ActionPreferenceStopException)
            {
                _abort.Cancel();
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

        /// <summary>Writes every finished row in input order; waits while the queue is full (or, at the end, until it is empty).</summary>
        private void Pump(bool untilEmpty)
        {
            while (true)
            {
                while (_queue.TryDequeueCompleted(out var row, out var task))
                {
                    // Until its result is written, a dequeued row counts as unconfirmed if the run is stopped.
                    _current = row;
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
                _progress.Failed++;
                if (Summary != null) Summary.Failed++;
                _cmdlet.WriteError(ContactErrors.FromApi(api, row.FailureLabel, row.Target));
                return;
            }
            var result = task.Result;
            Count(result);
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
            if (result.Output != null) _cmdlet.WriteObject(result.Output);
        }

        /// <summary>401, 403 or the daily quota: nothing more can succeed, so stop and say what was not sent.</summary>
        private void StopForTerminating(PipelineRow failedRow, ContactsApiException api)
        {
            _abort.Cancel();
            string done = string.Format(CultureInfo.InvariantCulture, "{0} row(s) done before it ({1} succeeded, {2} skipped, {3} failed)",
                _progress.Done, _progress.Succeeded, _progress.Skipped, _progress.Failed);
            int notSent = 0;
            foreach (var entry in _queue.Drain())
            {
                var known = entry.Value.Status == TaskStatus.RanToCompletion ? entry.Value.Result : null;
                if (known?.Error != null)
                {
                    // A row that had already failed on its own (validation, say) keeps its own error.
                    _progress.Failed++;
                    Count(known);
                    _cmdlet.WriteError(known.Error);
                    continue;
                }
                if (known?.IsEmptyRow == true)
                {
                    Count(known);
                    continue;
                }
                notSent++;
                _cmdlet.WriteError(ContactErrors.NotSent(entry.Key.Label, "the run stopped at " + failedRow.Label + " (" + api.Kind + ").", entry.Key.Target));
            }
            _cmdlet.FlushTrace();
            _progress.Complete(_cmdlet);
            if (Summary != null)
            {
                Summary.Failed++;
                Summary.NotSent += notSent;
                WriteSummary();
            }
            var record = ContactErrors.FromApi(api, failedRow.FailureLabel, failedRow.Target);
            string summary = string.Format(CultureInfo.InvariantCulture,
                " Stopped: {0}; {1} queued row(s) were not sent (ContactNotSent errors); no row after row {2} was read.",
                done, notSent, _rowsRead);
            record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message + summary) { RecommendedAction = record.ErrorDetails.RecommendedAction };
            _cmdlet.ThrowTerminatingError(record);
        }

        /// <summary>
        /// Ctrl+C: in-flight calls are cancelled. PowerShell allows no more output once a pipeline is stopping, so
        /// the rows that were queued or in flight are named on the host and kept in $global:ContactsUnconfirmedRows
        /// (the input rows themselves), ready to send again.
        /// </summary>
        private void StopNow()
        {
            _abort.Cancel();
            var pending = new List<PipelineRow>();
            if (_current != null) pending.Add(_current);
            foreach (var entry in _queue.Drain()) pending.Add(entry.Key);
            if (pending.Count > 0)
            {
                var numbers = new List<string>();
                var rows = new List<object>();
                foreach (var row in pending)
                {
                    numbers.Add(row.Number.ToString(CultureInfo.InvariantCulture));
                    rows.Add(row.Target);
                }
                string message = string.Format(CultureInfo.InvariantCulture,
                    "Stopped. {0} row(s) were done; {1} row(s) were queued or in flight and may or may not have been sent: rows {2}. Send them again: $ContactsUnconfirmedRows | {3}",
                    _progress.Done, pending.Count, string.Join(", ", numbers), _resendCommand);
                try
                {
                    _cmdlet.SessionState.PSVariable.Set(UnconfirmedRowsVariable, rows.ToArray());
                }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is SessionStateException)
                {
                }
                try
                {
                    _cmdlet.Host?.UI?.WriteWarningLine(message);
                }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is NotImplementedException || ex is System.IO.IOException)
                {
                }
            }
            throw new PipelineStoppedException();
        }
    }
}
