using System;
using System.Collections;

namespace ContactsModule.Models
{
    /// <summary>A HighLevel contact as the API returns it.</summary>
    public sealed class Contact
    {
        public string Id { get; set; }
        public string LocationId { get; set; }
        public string FirstName { get; set; }
        public string LastName { get; set; }
        /// <summary>The full name: "First Last" as the API derives it.</summary>
        public string Name { get; set; }
        public string Email { get; set; }
        public string Phone { get; set; }
        public string CompanyName { get; set; }
        public string Address1 { get; set; }
        public string City { get; set; }
        public string State { get; set; }
        public string PostalCode { get; set; }
        public string Country { get; set; }
        public string Website { get; set; }
        public string Timezone { get; set; }
        public string Source { get; set; }
        public string AssignedTo { get; set; }
        public string Gender { get; set; }
        public string Type { get; set; }
        public ContactTags Tags { get; set; } = ContactTags.Empty;
        public CustomFieldList CustomFields { get; set; } = CustomFieldList.Empty;
        public bool Dnd { get; set; }
        public DndSettings DndSettings { get; set; }
        public InboundDndSettings InboundDndSettings { get; set; }
        public DateTime? DateOfBirth { get; set; }
        /// <summary>As HighLevel sends it: counts from zero (0 is January, 11 is December). DateOfBirth has the month as usual.</summary>
        public int? BirthMonth { get; set; }
        public int? BirthDay { get; set; }
        public DateTime? DateAdded { get; set; }
        public DateTime? DateUpdated { get; set; }
        public DateTime? LastSessionActivityAt { get; set; }
        public bool Deleted { get; set; }
        public bool BounceEmail { get; set; }
        public bool UnsubscribeEmail { get; set; }
        public string FirstNameLowerCase { get; set; }
        public string LastNameLowerCase { get; set; }
        public string FullNameLowerCase { get; set; }
        public string EmailLowerCase { get; set; }
        public string BusinessId { get; set; }
        public string[] Offers { get; set; } = new string[0];
        public string[] Products { get; set; } = new string[0];
        /// <summary>Response fields this module does not model, as plain .NET values (Hashtable, object[], string, long, double, bool).</summary>
        public Hashtable AdditionalProperties { get; set; } = new Hashtable(StringComparer.OrdinalIgnoreCase);
        /// <summary>What the cmdlet that output this contact did with it: Created, Updated, Skipped or Retrieved.</summary>
        public ContactOutcome Outcome { get; set; }

        public override string ToString()
        {
            string who = !string.IsNullOrEmpty(Name) ? Name : (Email ?? Phone);
            return string.IsNullOrEmpty(who) ? Id : who + " (" + Id + ")";
        }
    }
}
