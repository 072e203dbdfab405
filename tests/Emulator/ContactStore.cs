using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>
/// All contacts, in memory. One lock guards everything: operations are short, and a single lock keeps
/// duplicate checks and writes atomic under concurrent clients.
/// </summary>
public sealed class ContactStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ContactRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocationContacts> _locations = new(StringComparer.Ordinal);
    private readonly CustomFieldRegistry _customFields = new();
    private readonly SeededRandom _random;

    public ContactStore(SeededRandom random) => _random = random;

    public StoreResult Create(string locationId, JsonObject body, bool allowDuplicates, IReadOnlyList<string> matchOrder)
    {
        lock (_gate)
        {
            var location = Location(locationId);
            if (!allowDuplicates &&
                FindDuplicate(location, EmailKeyOf(body), PhoneKeyOf(body), matchOrder, null) is { } duplicate)
            {
                return new StoreResult { Outcome = StoreOutcome.Duplicate, Duplicate = duplicate };
            }
            var record = Insert(locationId, body);
            return new StoreResult { Outcome = StoreOutcome.Ok, Contact = ContactJson.Render(record, ContactView.Write), Created = true };
        }
    }

    public StoreResult Get(string id, string tokenLocationId)
    {
        lock (_gate)
        {
            var record = Accessible(id, tokenLocationId, out var failure);
            return record == null ? failure : new StoreResult { Outcome = StoreOutcome.Ok, Contact = ContactJson.Render(record, ContactView.Get) };
        }
    }

    public StoreResult Update(string id, string tokenLocationId, JsonObject body, bool allowDuplicates, IReadOnlyList<string> matchOrder)
    {
        lock (_gate)
        {
            var record = Accessible(id, tokenLocationId, out var failure);
            if (record == null) return failure;
            var location = Location(record.LocationId);
            if (!allowDuplicates &&
                FindDuplicate(location, ChangedEmailKey(record, body), ChangedPhoneKey(record, body), matchOrder, record.Id) is { } duplicate)
            {
                return new StoreResult { Outcome = StoreOutcome.Duplicate, Duplicate = duplicate };
            }
            Modify(record, location, body, null);
            return new StoreResult { Outcome = StoreOutcome.Ok, Contact = ContactJson.Render(record, ContactView.Get) };
        }
    }

    public StoreResult Delete(string id, string tokenLocationId)
    {
        lock (_gate)
        {
            var record = Accessible(id, tokenLocationId, out var failure);
            if (record == null) return failure;
            Location(record.LocationId).Remove(record);
            record.Deleted = true;
            record.DateUpdated = IsoTime.NowMs();
            return new StoreResult { Outcome = StoreOutcome.Ok };
        }
    }

    /// <summary>
    /// Updates the contact found by the match order (first field that matches wins), or creates one.
    /// If the other field belongs to a different contact it is left unchanged, so no duplicate arises.
    /// </summary>
    public StoreResult Upsert(string locationId, JsonObject body, bool allowDuplicates, bool createNewIfDuplicateAllowed,
        IReadOnlyList<string> matchOrder)
    {
        lock (_gate)
        {
            var location = Location(locationId);
            ContactRecord existing = null;
            if (!(allowDuplicates && createNewIfDuplicateAllowed))
            {
                foreach (var field in matchOrder)
                {
                    existing = field == "email" ? location.FindByEmail(EmailKeyOf(body)) : location.FindByPhone(PhoneKeyOf(body));
                    if (existing != null) break;
                }
            }
            if (existing == null)
            {
                var created = Insert(locationId, body);
                return new StoreResult { Outcome = StoreOutcome.Ok, Contact = ContactJson.Render(created, ContactView.Get), Created = true };
            }

            var skip = new HashSet<string>(StringComparer.Ordinal);
            if (!allowDuplicates)
            {
                if (location.FindByEmail(ChangedEmailKey(existing, body), existing.Id) != null) skip.Add("email");
                if (location.FindByPhone(ChangedPhoneKey(existing, body), existing.Id) != null) skip.Add("phone");
            }
            Modify(existing, location, body, skip);
            return new StoreResult { Outcome = StoreOutcome.Ok, Contact = ContactJson.Render(existing, ContactView.Get), Created = false };
        }
    }

    public StoreResult ChangeTags(string id, string tokenLocationId, IEnumerable<string> tags, bool add)
    {
        lock (_gate)
        {
            var record = Accessible(id, tokenLocationId, out var failure);
            if (record == null) return failure;
            var normalized = TagNormalizer.NormalizeAll(tags);
            record.Tags = add
                ? TagNormalizer.NormalizeAll(record.Tags.Concat(normalized))
                : record.Tags.Where(t => !normalized.Contains(t)).ToList();
            record.DateUpdated = IsoTime.NowMs();
            return new StoreResult { Outcome = StoreOutcome.Ok, Tags = new JsonArray(record.Tags.Select(t => (JsonNode)t).ToArray()) };
        }
    }

    /// <summary>Bulk tag add/remove; returns one response item per requested id, following HighLevel's example items.</summary>
    public JsonArray BulkTags(string locationId, IEnumerable<string> ids, IEnumerable<string> tags, bool add, bool removeAll,
        out int errorCount)
    {
        var normalized = TagNormalizer.NormalizeAll(tags);
        var responses = new JsonArray();
        errorCount = 0;
        lock (_gate)
        {
            foreach (var id in ids)
            {
                string error = null;
                _byId.TryGetValue(id ?? string.Empty, out var record);
                if (!IdGenerator.LooksLikeId(id)) error = "contact id is not a valid firebase id";
                else if (record == null) error = "contact not found";
                else if (record.Deleted) error = "contact is deleted";
                else if (record.LocationId != locationId) error = "contact does not belong to location";
                if (error != null)
                {
                    errorCount++;
                    responses.Add(new JsonObject { ["contactId"] = id, ["message"] = error, ["type"] = "error" });
                    continue;
                }

                var oldTags = record.Tags.ToList();
                record.Tags = add
                    ? TagNormalizer.NormalizeAll(oldTags.Concat(normalized))
                    : removeAll ? [] : oldTags.Where(t => !normalized.Contains(t)).ToList();
                record.DateUpdated = IsoTime.NowMs();
                responses.Add(new JsonObject
                {
                    ["contactId"] = id,
                    ["message"] = "Tags updated",
                    ["type"] = "success",
                    ["oldTags"] = StringArray(oldTags),
                    ["tagsAdded"] = StringArray(record.Tags.Where(t => !oldTags.Contains(t))),
                    ["tagsRemoved"] = StringArray(oldTags.Where(t => !record.Tags.Contains(t))),
                });
            }
        }
        return responses;
    }

    /// <summary>The duplicate-lookup endpoint: first match in the location's order, or null.</summary>
    public JsonObject FindDuplicate(string locationId, string email, string phone, IReadOnlyList<string> matchOrder, int searchLagMs = 0)
    {
        var visibleBefore = DateTime.UtcNow.AddMilliseconds(-searchLagMs);
        lock (_gate)
        {
            var location = Location(locationId);
            foreach (var field in matchOrder)
            {
                var found = field == "email"
                    ? location.FindByEmail(string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant())
                    : location.FindByPhone(PhoneNormalizer.Normalize(phone));
                if (found != null && (searchLagMs <= 0 || found.DateAdded <= visibleBefore)) return ContactJson.Render(found, ContactView.Get);
            }
            return null;
        }
    }

    /// <summary>Runs a read over the live contacts of a location under the lock (render inside it too).</summary>
    public T Query<T>(string locationId, Func<IReadOnlyCollection<ContactRecord>, T> query)
    {
        lock (_gate) return query(Location(locationId).Contacts.Values);
    }

    /// <summary>{contacts, distinctEmails, duplicateEmails (emails held by more than one contact)} over live contacts.</summary>
    public JsonObject Stats(string locationId)
    {
        lock (_gate)
        {
            var records = _locations
                .Where(l => locationId == null || l.Key == locationId)
                .SelectMany(l => l.Value.Contacts.Values)
                .ToList();
            var emails = records
                .Select(r => r.Text.TryGetValue("email", out var email) ? email.ToLowerInvariant() : null)
                .Where(e => e != null)
                .GroupBy(e => e, StringComparer.Ordinal)
                .ToList();
            return new JsonObject
            {
                ["contacts"] = records.Count,
                ["distinctEmails"] = emails.Count,
                ["duplicateEmails"] = emails.Count(g => g.Count() > 1),
            };
        }
    }

    public JsonArray All(string locationId)
    {
        lock (_gate)
        {
            var records = _locations
                .Where(l => locationId == null || l.Key == locationId)
                .SelectMany(l => l.Value.Contacts.Values)
                .OrderBy(r => r.DateAdded).ThenBy(r => r.Id, StringComparer.Ordinal);
            return new JsonArray(records.Select(r => (JsonNode)ContactJson.Render(r, ContactView.Get)).ToArray());
        }
    }

    /// <summary>Admin seeding: stores bodies as they are (optionally with id/dateAdded/dateUpdated), no duplicate checks.</summary>
    public int Seed(IReadOnlyList<JsonObject> bodies)
    {
        lock (_gate)
        {
            foreach (var body in bodies)
            {
                var locationId = body["locationId"]!.GetValue<string>();
                var id = JsonKinds.AsString(body["id"]);
                if (id != null && _byId.TryGetValue(id, out var old) && !old.Deleted) Location(old.LocationId).Remove(old);
                var record = NewRecord(locationId, id);
                if (JsonKinds.AsString(body["dateAdded"]) is { } added && IsoTime.TryParse(added, out var addedAt))
                    record.DateAdded = record.DateUpdated = record.LastSessionActivityAt = addedAt;
                if (JsonKinds.AsString(body["dateUpdated"]) is { } updated && IsoTime.TryParse(updated, out var updatedAt))
                    record.DateUpdated = updatedAt;
                ContactBodyApplier.Apply(record, body, _customFields);
                _byId[record.Id] = record;
                Location(locationId).Add(record);
            }
            return bodies.Count;
        }
    }

    public JsonArray CustomFields(string locationId)
    {
        lock (_gate)
        {
            return new JsonArray(_customFields.Fields(locationId)
                .Select(f => (JsonNode)new JsonObject { ["key"] = f.ShortKey, ["id"] = f.Id }).ToArray());
        }
    }

    /// <summary>The location's custom field definitions (definitions are immutable once made).</summary>
    public IReadOnlyList<CustomFieldDefinition> CustomFieldSchema(string locationId)
    {
        lock (_gate) return _customFields.Fields(locationId);
    }

    public CustomFieldDefinition FindCustomField(string locationId, string idOrKey)
    {
        lock (_gate) return _customFields.Find(locationId, idOrKey);
    }

    /// <summary>Admin seeding: replaces the location's schema; writes to it are validated from then on.</summary>
    public List<string> SeedCustomFields(string locationId, JsonArray fields)
    {
        lock (_gate) return _customFields.Seed(locationId, fields);
    }

    /// <summary>Adds to <paramref name="errors"/> what the location's schema says about a write's customFields.</summary>
    public void ValidateCustomFields(string locationId, JsonObject body, List<string> errors)
    {
        lock (_gate) CustomFieldValueValidator.Validate(_customFields, locationId, body["customFields"], errors);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _locations.Clear();
            _customFields.Clear();
        }
    }

    private ContactRecord Insert(string locationId, JsonObject body)
    {
        var record = NewRecord(locationId, null);
        ContactBodyApplier.Apply(record, body, _customFields);
        _byId[record.Id] = record;
        Location(locationId).Add(record);
        return record;
    }

    private ContactRecord NewRecord(string locationId, string id)
    {
        if (id == null)
        {
            do id = IdGenerator.NewId(_random);
            while (_byId.ContainsKey(id));
        }
        var now = IsoTime.NowMs();
        return new ContactRecord { Id = id, LocationId = locationId, DateAdded = now, DateUpdated = now, LastSessionActivityAt = now };
    }

    private void Modify(ContactRecord record, LocationContacts location, JsonObject body, ISet<string> skipFields)
    {
        location.Remove(record);
        ContactBodyApplier.Apply(record, body, _customFields, skipFields);
        record.DateUpdated = IsoTime.NowMs();
        location.Add(record);
    }

    private ContactRecord Accessible(string id, string tokenLocationId, out StoreResult failure)
    {
        failure = null;
        if (id == null || !_byId.TryGetValue(id, out var record) || record.Deleted)
        {
            failure = StoreResult.NotFound;
            return null;
        }
        if (record.LocationId != tokenLocationId)
        {
            failure = StoreResult.Forbidden;
            return null;
        }
        return record;
    }

    private LocationContacts Location(string locationId)
    {
        if (!_locations.TryGetValue(locationId, out var location)) _locations[locationId] = location = new LocationContacts();
        return location;
    }

    private static DuplicateMatch FindDuplicate(LocationContacts location, string emailKey, string phoneKey,
        IReadOnlyList<string> matchOrder, string excludeId)
    {
        foreach (var field in matchOrder)
        {
            var found = field == "email" ? location.FindByEmail(emailKey, excludeId) : location.FindByPhone(phoneKey, excludeId);
            if (found != null) return new DuplicateMatch(found.Id, field, found.DisplayName);
        }
        return null;
    }

    private static string EmailKeyOf(JsonObject body) =>
        JsonKinds.AsString(body["email"])?.Trim().ToLowerInvariant() is { Length: > 0 } e ? e : null;

    private static string PhoneKeyOf(JsonObject body) => PhoneNormalizer.Normalize(JsonKinds.AsString(body["phone"]));

    // Only a value that changes counts: re-sending a contact's own email is not a duplicate of itself.
    private static string ChangedEmailKey(ContactRecord record, JsonObject body) =>
        EmailKeyOf(body) is { } key && key != record.EmailKey ? key : null;

    private static string ChangedPhoneKey(ContactRecord record, JsonObject body) =>
        PhoneKeyOf(body) is { } key && key != record.PhoneKey ? key : null;

    private static JsonArray StringArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
