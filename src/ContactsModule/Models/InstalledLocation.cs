namespace ContactsModule.Models
{
    /// <summary>A location (sub-account) where the agency's app is installed, as Get-ContactsApiLocation lists it.</summary>
    public sealed class InstalledLocation
    {
        public string LocationId { get; set; }
        public string Name { get; set; }
        public string Address { get; set; }
        public bool? IsInstalled { get; set; }
        public string CompanyId { get; set; }

        public override string ToString() => Name + " (" + LocationId + ")";
    }
}
