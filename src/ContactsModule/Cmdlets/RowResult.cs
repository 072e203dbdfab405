using System.Management.Automation;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>What one row produced: an object to output (or none), an error, and perhaps a warning.</summary>
    internal sealed class RowResult
    {
        public static readonly RowResult Done = new RowResult();
        /// <summary>An update that outputs nothing (Set-Contact without -PassThru).</summary>
        public static readonly RowResult Updated = new RowResult { Outcome = ContactOutcome.Updated };
        /// <summary>A row whose every cell is blank: nothing sent, nothing written, counted in the summary.</summary>
        public static readonly RowResult EmptyRow = new RowResult { IsEmptyRow = true };

        public object Output { get; set; }
        public ErrorRecord Error { get; set; }
        public string Warning { get; set; }
        /// <summary>Counted as skipped rather than succeeded in the progress line.</summary>
        public bool Skipped { get; set; }
        /// <summary>What the row did when <see cref="Output"/> is not a Contact saying so.</summary>
        public ContactOutcome? Outcome { get; set; }
        public bool IsEmptyRow { get; set; }
        /// <summary>The contact the row concerns when <see cref="Output"/> is not a Contact (Set-Contact without -PassThru): for the run report.</summary>
        public string ContactId { get; set; }
        /// <summary>The fields the row changed (for Updated rows), as the API names them: the run report's ChangedFields column.</summary>
        public string[] ChangedFields { get; set; }

        public static RowResult Failed(ErrorRecord error) => new RowResult { Error = error };
    }
}
