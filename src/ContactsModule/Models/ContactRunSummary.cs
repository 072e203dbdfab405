using System.Globalization;

namespace ContactsModule.Models
{
    /// <summary>
    /// The counts of one piped run of New-Contact or Set-Contact: the MessageData of the information record tagged
    /// ContactsModule.Summary that the run writes at its end (-InformationVariable collects it).
    /// </summary>
    public sealed class ContactRunSummary
    {
        public ContactRunSummary(string command)
        {
            Command = command;
        }

        public string Command { get; }
        /// <summary>Pipeline objects read.</summary>
        public int Read { get; internal set; }
        public int Created { get; internal set; }
        public int Updated { get; internal set; }
        /// <summary>Existing contacts left alone (-OnDuplicate Skip), or rows with nothing to change.</summary>
        public int Skipped { get; internal set; }
        /// <summary>Rows with an error record (ContactNotSent ones not included).</summary>
        public int Failed { get; internal set; }
        /// <summary>Rows that never left the client because the run stopped (ContactNotSent).</summary>
        public int NotSent { get; internal set; }
        /// <summary>Rows whose every cell was blank: skipped, no error.</summary>
        public int EmptyRowsSkipped { get; internal set; }
        /// <summary>Columns named in the "Columns not used" warning.</summary>
        public int ColumnsNotUsed { get; internal set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "{0}: {1} row(s) read: {2} created, {3} updated, {4} skipped, {5} failed, {6} not sent, {7} empty row(s) skipped; {8} column(s) not used.",
            Command, Read, Created, Updated, Skipped, Failed, NotSent, EmptyRowsSkipped, ColumnsNotUsed);
    }
}
