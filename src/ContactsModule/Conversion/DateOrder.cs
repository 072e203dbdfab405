namespace ContactsModule.Conversion
{
    /// <summary>The order of day and month in a date written with the year last.</summary>
    internal enum DateOrder
    {
        MonthFirst,
        DayFirst,
    }
}
