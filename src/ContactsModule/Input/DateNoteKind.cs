namespace ContactsModule.Input
{
    /// <summary>A date that was read, but about which the run should say something once.</summary>
    internal enum DateNoteKind
    {
        /// <summary>Slashed or dashed, no country, both orders possible: read month-first.</summary>
        AmbiguousWithoutCountry,
        /// <summary>Impossible in the order its country calls for, possible in the other: read in the other.</summary>
        ReadInOtherOrder,
    }
}
