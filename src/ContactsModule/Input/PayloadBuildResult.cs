using System.Collections.Generic;
using ContactsModule.Api;

namespace ContactsModule.Input
{
    internal sealed class PayloadBuildResult
    {
        public ContactPayload Payload { get; set; }
        public List<FieldError> Errors { get; } = new List<FieldError>();
        public bool IsValid => Errors.Count == 0;
        /// <summary>Dates read under a rule the run should mention once.</summary>
        internal List<DateNote> DateNotes { get; } = new List<DateNote>();
    }
}
