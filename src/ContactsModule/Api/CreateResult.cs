using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>The contact a create produced, and whether it was found again after an ambiguous failure.</summary>
    internal sealed class CreateResult
    {
        public Contact Contact { get; set; }
        /// <summary>True when the create's answer was lost and the contact was found by email or phone instead.</summary>
        public bool Recovered { get; set; }
        public int Attempts { get; set; }
    }
}
