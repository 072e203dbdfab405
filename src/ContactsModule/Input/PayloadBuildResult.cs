using System.Collections.Generic;
using ContactsModule.Api;

namespace ContactsModule.Input
{
    public sealed class PayloadBuildResult
    {
        public ContactPayload Payload { get; set; }
        public List<FieldError> Errors { get; } = new List<FieldError>();
        public bool IsValid => Errors.Count == 0;
    }
}
