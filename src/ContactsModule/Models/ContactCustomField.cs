using System;

namespace ContactsModule.Models
{
    /// <summary>One contact custom field of a location, as GET /locations/{id}/customFields?model=contact describes it.</summary>
    public sealed class ContactCustomField
    {
        public string Id { get; set; }
        /// <summary>The name the location shows ("Membership Level").</summary>
        public string Name { get; set; }
        /// <summary>The field key as the location's schema spells it ("contact.membership_level").</summary>
        public string Key { get; set; }
        /// <summary>TEXT, LARGE_TEXT, NUMERICAL, PHONE, MONETORY, CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS, DATE, TEXTBOX_LIST, FILE_UPLOAD or RADIO.</summary>
        public string DataType { get; set; }
        /// <summary>The picklist options of CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS and RADIO fields.</summary>
        public string[] Options { get; set; } = new string[0];
        public string Placeholder { get; set; }
        public int Position { get; set; }
        /// <summary>True when the field takes values outside its options (isAllowedCustomOption).</summary>
        public bool AllowCustomOption { get; set; }
        public string LocationId { get; set; }

        /// <summary>The key without its model prefix ("membership_level").</summary>
        public string ShortKey => StripModel(Key);

        /// <summary>"contact.membership_level" and "membership_level" both give "membership_level".</summary>
        public static string StripModel(string key)
        {
            if (string.IsNullOrEmpty(key)) return key;
            return key.StartsWith("contact.", StringComparison.OrdinalIgnoreCase) ? key.Substring("contact.".Length) : key;
        }

        public override string ToString() => Name + " (" + Key + ")";
    }
}
