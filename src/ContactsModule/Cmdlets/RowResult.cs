using System.Management.Automation;

namespace ContactsModule.Cmdlets
{
    /// <summary>What one row produced: an object to output (or none), an error, and perhaps a warning.</summary>
    internal sealed class RowResult
    {
        public static readonly RowResult Done = new RowResult();

        public object Output { get; set; }
        public ErrorRecord Error { get; set; }
        public string Warning { get; set; }
        /// <summary>Counted as skipped rather than succeeded in the progress line.</summary>
        public bool Skipped { get; set; }

        public static RowResult Failed(ErrorRecord error) => new RowResult { Error = error };
    }
}
