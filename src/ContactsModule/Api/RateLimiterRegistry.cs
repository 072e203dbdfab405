using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ContactsModule.Api
{
    /// <summary>One RateLimiter per (API host, token, location) for the whole process.</summary>
    internal static class RateLimiterRegistry
    {
        private static readonly ConcurrentDictionary<string, RateLimiter> Limiters = new ConcurrentDictionary<string, RateLimiter>(StringComparer.Ordinal);

        public static RateLimiter Get(Uri baseUri, string token, string locationId)
        {
            // The key holds a hash of the token, never the token.
            string key = baseUri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "|" + locationId + "|" + Hash(token);
            return Limiters.GetOrAdd(key, _ => new RateLimiter());
        }

        private static string Hash(string token)
        {
            using (var sha = SHA256.Create())
            {
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(token ?? string.Empty)));
            }
        }
    }
}
