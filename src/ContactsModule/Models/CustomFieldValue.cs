using System.Globalization;

namespace ContactsModule.Models
{
    /// <summary>
    /// A custom field value of a contact. Id always; Key ("contact.membership_level", as the location's schema spells
    /// it) and Name ("Membership Level") once the schema is known. Value is text, a number, a string array or, for a
    /// DATE field whose schema is known, a DateTime.
    /// </summary>
    public sealed class CustomFieldValue
    {
        public string Id { get; set; }
        public string Key { get; set; }
        public string Name { get; set; }
        public object Value { get; set; }

        /// <summary>The name when known, else the key, else the id.</summary>
        public string Label => !string.IsNullOrEmpty(Name) ? Name : !string.IsNullOrEmpty(Key) ? Key : Id;

        public override string ToString() => Label + "=" + ValueText(Value);

        /// <summary>A value as one line of text: arrays joined with ",", dates as yyyy-MM-dd (with the time when it has one).</summary>
        public static string ValueText(object value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string[] items: return string.Join(",", items);
                case System.DateTime date:
                    return date.TimeOfDay == System.TimeSpan.Zero
                        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                case System.IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }
    }
}
