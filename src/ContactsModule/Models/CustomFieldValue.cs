namespace ContactsModule.Models
{
    /// <summary>A custom field value of a contact. Value is a string, a number or a string array.</summary>
    public sealed class CustomFieldValue
    {
        public string Id { get; set; }
        public object Value { get; set; }

        public override string ToString() => Id + "=" + (Value is string[] items ? string.Join(",", items) : Value);
    }
}
