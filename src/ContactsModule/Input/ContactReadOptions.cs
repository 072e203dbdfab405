namespace ContactsModule.Input
{
    /// <summary>What the payload builder needs besides the row: defaults the cmdlet was given.</summary>
    internal sealed class ContactReadOptions
    {
        /// <summary>-DefaultCountry as a two-letter code: phones and dates of rows without a country.</summary>
        public string DefaultRegion { get; set; }
        /// <summary>-DateFormat: .NET custom formats such as 'dd/MM/yyyy', tried after ISO dates.</summary>
        public string[] DateFormats { get; set; }
        /// <summary>New-Contact: a row needs a name, an e-mail or a phone.</summary>
        public bool RequireIdentity { get; set; }
        /// <summary>The location's contact custom fields when known (and not empty): custom field values are checked and converted by them.</summary>
        public System.Collections.Generic.IReadOnlyList<ContactsModule.Models.ContactCustomField> CustomFieldSchema { get; set; }
    }
}
