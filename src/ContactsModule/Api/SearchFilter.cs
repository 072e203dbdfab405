namespace ContactsModule.Api
{
    /// <summary>{field, operator, value}; operators: eq, not_eq, contains, not_contains, exists, not_exists, range.</summary>
    internal sealed class SearchFilter
    {
        public SearchFilter(string field, string @operator, object value)
        {
            Field = field;
            Operator = @operator;
            Value = value;
        }

        public string Field { get; }
        public string Operator { get; }
        public object Value { get; }
    }
}
