using System.Collections.Generic;
using ContactsModule.Input;

namespace ContactsModule.Cmdlets
{
    /// <summary>What reading one pipeline object gave: the row's values, or that it is empty, or that it is not a row.</summary>
    internal sealed class RowRead
    {
        public RowRead(ContactInput input)
        {
            Input = input;
        }

        public static RowRead Empty() => new RowRead(null) { IsEmpty = true };
        public static RowRead NotARow(object value) => new RowRead(null) { Scalar = value, IsScalar = true };

        public ContactInput Input { get; }
        /// <summary>Every cell blank: skipped, counted in the summary.</summary>
        public bool IsEmpty { get; private set; }
        /// <summary>A string, number or other value without columns was piped.</summary>
        public bool IsScalar { get; private set; }
        public object Scalar { get; private set; }
        /// <summary>Set-Contact: filled columns of fields the update call does not accept (not sent).</summary>
        public List<string> NotUpdatableColumns { get; } = new List<string>();
        /// <summary>Set-Contact on an agency connection: the row's LocationId (a Contact's, or its column), where the row is sent.</summary>
        public string LocationId { get; set; }
    }
}
