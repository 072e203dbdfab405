namespace ContactsModule.Api
{
    /// <summary>A custom field value to send: by field Id or by field Key; Value is a string, a number or a string[].</summary>
    internal sealed class CustomFieldInput
    {
        public string Id { get; set; }
        public string Key { get; set; }
        public object Value { get; set; }
    }
}
