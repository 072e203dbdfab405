namespace ContactsModule.Cmdlets
{
    /// <summary>One input row of a per-row cmdlet: its number, how messages name it, and the input itself.</summary>
    internal sealed class PipelineRow
    {
        public PipelineRow(int number, string label, object target)
        {
            Number = number;
            Label = label;
            FailureLabel = label;
            Target = target;
        }

        /// <summary>1 = the first pipeline object.</summary>
        public int Number { get; }
        /// <summary>"Row 3 (jane@example.com)", or the cmdlet's own name for a call without pipeline input.</summary>
        public string Label { get; }
        /// <summary>How an API error of this row is introduced; an operation of several calls may say how far it got.</summary>
        public string FailureLabel { get; set; }
        /// <summary>The input row: the TargetObject of its errors.</summary>
        public object Target { get; }
        /// <summary>The contact the row is about when it is known before any answer (Set-Contact's Id): the run report's ContactId when the result names none.</summary>
        public string ContactId { get; set; }
    }
}
