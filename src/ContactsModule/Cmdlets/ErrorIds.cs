namespace ContactsModule.Cmdlets
{
    /// <summary>The module's stable ErrorIds (documented in about_ContactsModule).</summary>
    internal static class ErrorIds
    {
        public const string NotConnected = "ContactsApiNotConnected";
        public const string InvalidConnection = "ContactsApiConnectionInvalid";
        public const string Unauthorized = "ContactsApiUnauthorized";
        public const string Forbidden = "ContactsApiForbidden";
        public const string DailyQuotaExceeded = "ContactsApiDailyQuotaExceeded";
        public const string Unavailable = "ContactsApiUnavailable";
        public const string ApiError = "ContactsApiError";
        public const string ValidationFailed = "ContactValidationFailed";
        public const string ApiValidationFailed = "ContactApiValidationFailed";
        public const string Duplicate = "ContactDuplicate";
        public const string NotFound = "ContactNotFound";
        public const string NotSent = "ContactNotSent";
        public const string TagUpdateFailed = "ContactTagUpdateFailed";
        public const string FieldNotUpdatable = "ContactFieldNotUpdatable";
        public const string InputNotARow = "ContactInputNotARow";
        public const string VersionInvalid = "ContactsApiVersionInvalid";
        public const string VersionRejected = "ContactsApiVersionRejected";
        public const string PathRefused = "ContactsApiPathRefused";
        public const string BodyInvalid = "ContactsApiBodyInvalid";
        public const string NextPageRefused = "ContactsApiNextPageRefused";
        public const string OAuthCredentialsMissing = "ContactsApiOAuthCredentialsMissing";
        public const string InvalidGrant = "ContactsApiInvalidGrant";
        public const string InvalidClient = "ContactsApiInvalidClient";
        public const string LocationNotActive = "ContactsApiLocationNotActive";
        public const string LocationRequired = "ContactsApiLocationRequired";
        public const string RefreshTokenFileFailed = "ContactsApiRefreshTokenFileFailed";
        public const string Unconfirmed = "ContactUnconfirmed";
        public const string Unreachable = "ContactsApiUnreachable";
        public const string RateLimited = "ContactsApiRateLimited";
        public const string TokenInvalid = "ContactsApiTokenInvalid";
        public const string TokenMissing = "ContactsApiTokenMissing";
        public const string LocationMissing = "ContactsApiLocationMissing";
        public const string InvalidDefaultCountry = "InvalidDefaultCountry";
        public const string InvalidCustomFieldColumn = "InvalidCustomFieldColumn";
        public const string InvalidDateFormat = "InvalidDateFormat";
        public const string InvalidFilter = "InvalidContactFilter";
        public const string InvalidTag = "InvalidContactTag";
        public const string CustomFieldNotFound = "ContactCustomFieldNotFound";
        public const string ReportPathFailed = "ContactReportPathFailed";
        public const string NotMatched = "ContactNotMatched";
        public const string MatchAmbiguous = "ContactMatchAmbiguous";
    }
}
