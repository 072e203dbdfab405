using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>
    /// The contact custom field schemas a connection has read, one per location: concurrent callers of one location share
    /// one request; a failed read is not kept. Refresh forgets a location's schema so the next read asks again.
    /// </summary>
    internal sealed class CustomFieldSchemaCache
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ContactCustomField>>>> _schemas =
            new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ContactCustomField>>>>(StringComparer.Ordinal);

        /// <summary>The location's schema: the cached one, else read with the given client.</summary>
        public async Task<IReadOnlyList<ContactCustomField>> GetAsync(ApiSession session, string locationId, bool refresh, IApiTrace trace, CancellationToken cancellationToken)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (string.IsNullOrEmpty(locationId)) throw new ArgumentException("A location id is needed to read its custom fields.", nameof(locationId));
            if (refresh) _schemas.TryRemove(locationId, out _);
            var entry = _schemas.GetOrAdd(locationId, id => new Lazy<Task<IReadOnlyList<ContactCustomField>>>(
                () => new CustomFieldsApi(session).ListContactFieldsAsync(id, trace, cancellationToken)));
            try
            {
                return await entry.Value.ConfigureAwait(false);
            }
            catch
            {
                // A failed (or cancelled) read is not the schema: the next caller asks again.
                ((ICollection<KeyValuePair<string, Lazy<Task<IReadOnlyList<ContactCustomField>>>>>)_schemas)
                    .Remove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<ContactCustomField>>>>(locationId, entry));
                throw;
            }
        }

        /// <summary>The schema already read for the location, or null.</summary>
        public IReadOnlyList<ContactCustomField> TryGetCached(string locationId)
        {
            if (locationId != null && _schemas.TryGetValue(locationId, out var entry) && entry.IsValueCreated &&
                entry.Value.Status == TaskStatus.RanToCompletion)
                return entry.Value.Result;
            return null;
        }

        /// <summary>Forgets every location's schema.</summary>
        public void Clear() => _schemas.Clear();
    }
}
