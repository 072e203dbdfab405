using System;

namespace ContactsModule.Api
{
    /// <summary>A failed Contacts API call. Never carries the token.</summary>
    public sealed class ContactsApiException : Exception
    {
        public ContactsApiException(ApiErrorKind kind, string message, Exception inner = null)
            : base(message, inner)
        {
            Kind = kind;
        }

        public ApiErrorKind Kind { get; }
        public int? StatusCode { get; set; }
        public string Method { get; set; }
        public string Path { get; set; }
        /// <summary>The server's messages (a 422 carries several).</summary>
        public string[] ServerMessages { get; set; } = new string[0];
        /// <summary>HighLevel's traceId: what their support asks for.</summary>
        public string TraceId { get; set; }
        /// <summary>For a duplicate: the id of the contact that already exists.</summary>
        public string DuplicateContactId { get; set; }
        /// <summary>For a duplicate: email or phone.</summary>
        public string MatchingField { get; set; }
        /// <summary>How many attempts were made before giving up.</summary>
        public int Attempts { get; set; } = 1;
        /// <summary>The Version header the failed call was sent with.</summary>
        public string ApiVersion { get; set; }
        /// <summary>
        /// False when no attempt of the call can have reached the server (every attempt was refused before
        /// sending, or none was made): nothing was stored. True when one may have.
        /// </summary>
        public bool MayHaveTakenEffect { get; set; } = true;
        /// <summary>The location the call was about (its body's or query's locationId, else the session's), when known.</summary>
        public string LocationId { get; set; }
        /// <summary>For a daily quota stop: when HighLevel's daily window is expected to reset (UTC).</summary>
        public DateTime? QuotaResetsAtUtc { get; set; }
    }
}
