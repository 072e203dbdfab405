namespace ContactsModule.Conversion
{
    /// <summary>One country HighLevel accepts: its two-letter code and an English name.</summary>
    internal sealed class CountryInfo
    {
        public CountryInfo(string code, string name)
        {
            Code = code;
            Name = name;
        }

        /// <summary>The two-letter code the API's <c>country</c> field takes, upper case (e.g. "DE").</summary>
        public string Code { get; }

        /// <summary>An English name for display and tab completion (e.g. "Germany").</summary>
        public string Name { get; }

        public override string ToString() => Code + " (" + Name + ")";
    }
}
