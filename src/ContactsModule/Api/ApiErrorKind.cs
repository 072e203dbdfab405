namespace ContactsModule.Api
{
    /// <summary>How a failed API call failed; the cmdlets map each kind to a stable ErrorId.</summary>
    public enum ApiErrorKind
    {
        /// <summary>401: bad or expired token. Stops the whole run.</summary>
        Unauthorized,
        /// <summary>403: the token has no access to the location. Stops the whole run.</summary>
        Forbidden,
        /// <summary>422: the server rejected the body; Messages has the reasons.</summary>
        Validation,
        /// <summary>400 "This location does not allow duplicated contacts."</summary>
        Duplicate,
        /// <summary>The contact id does not exist (the API answers 400 or 404).</summary>
        NotFound,
        /// <summary>Any other 4xx.</summary>
        BadRequest,
        /// <summary>The daily request quota is used up. Stops the whole run.</summary>
        DailyQuotaExhausted,
        /// <summary>5xx, 429, timeouts and broken connections that outlasted the retries.</summary>
        Unavailable,
        /// <summary>A 2xx answer whose body could not be read, or a body larger than the module reads.</summary>
        InvalidResponse,
        /// <summary>400 saying the Version header's value is retired, unknown or unsupported. Stops the whole run.</summary>
        VersionRejected,
        /// <summary>OAuth: 400 "Invalid grant": the refresh token (or code) is invalid, expired or already used. Stops the run.</summary>
        InvalidGrant,
        /// <summary>OAuth: 400 "Location is not active": the sub-account is paused or cancelled.</summary>
        LocationNotActive,
        /// <summary>OAuth: /oauth/token refused the client id or secret (401). Stops the run.</summary>
        InvalidClient,
        /// <summary>The server cannot be reached (connection refused, DNS, TLS) across rows: the circuit breaker is open. Stops the whole run.</summary>
        Unreachable,
        /// <summary>HighLevel asked for a wait (Retry-After, rate-limit headers) longer than the retry budget. Stops the whole run.</summary>
        RateLimited,
    }
}
