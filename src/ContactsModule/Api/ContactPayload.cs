using System.Collections.Generic;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>
    /// The body of a create, update or upsert. Null means "not given" and is never sent; the JSON writer
    /// leaves it out.
    /// </summary>
    internal sealed class ContactPayload
    {
        public string FirstName { get; set; }
        public string LastName { get; set; }
        public string Name { get; set; }
        public string Email { get; set; }
        public string LocationId { get; set; }
        public string Gender { get; set; }
        public string Phone { get; set; }
        public string Address1 { get; set; }
        public string City { get; set; }
        public string State { get; set; }
        public string PostalCode { get; set; }
        public string Website { get; set; }
        public string Timezone { get; set; }
        public bool? Dnd { get; set; }
        public DndSettings DndSettings { get; set; }
        public InboundDndSettings InboundDndSettings { get; set; }
        public string[] Tags { get; set; }
        public List<CustomFieldInput> CustomFields { get; set; }
        public string Source { get; set; }
        public string Country { get; set; }
        public string CompanyName { get; set; }
        public string AssignedTo { get; set; }
        /// <summary>yyyy-MM-dd.</summary>
        public string DateOfBirth { get; set; }
        /// <summary>Upsert only.</summary>
        public bool? CreateNewIfDuplicateAllowed { get; set; }
    }
}
