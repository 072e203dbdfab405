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
    }
}
