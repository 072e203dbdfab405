using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ContactsModule.Api
{
    /// <summary>
    /// One RefreshTokenSource per OAuth install in the process, found by any refresh token it has held: connecting again
    /// (in another runspace, say) with the token given first, or with the latest, shares the live source instead of
    /// redeeming a refresh token that the first connection has already used up.
    /// </summary>
    internal static class RefreshTokenSourceRegistry
    {
        private static readonly ConcurrentDictionary<string, RefreshTokenSource> Sources = new ConcurrentDictionary<string, RefreshTokenSource>(StringComparer.Ordinal);

        public static RefreshTokenSource GetOrAdd(Uri baseUri, string clientId, string refreshToken, Func<RefreshTokenSource> create)
        {
            var source = Sources.GetOrAdd(Key(baseUri, clientId, refreshToken), _ =>
            {
                var created = create();
                created.RefreshTokenRotated += rotated => Sources[Key(baseUri, clientId, rotated)] = created;
                return created;
            });
            return source;
        }

        /// <summary>For a source made from an authorization code: found later by the refresh tokens it gets.</summary>
        public static void Track(Uri baseUri, string clientId, RefreshTokenSource source)
        {
            source.RefreshTokenRotated += rotated => Sources[Key(baseUri, clientId, rotated)] = source;
        }

        // The key holds a hash of the refresh token, never the token.
        private static string Key(Uri baseUri, string clientId, string refreshToken)
        {
            using (var sha = SHA256.Create())
            {
                return baseUri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "|" + clientId + "|" +
                       Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(refreshToken ?? string.Empty)));
            }
        }
    }
}
