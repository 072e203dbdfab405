using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>Runs searches over a location's contacts: query, filters, sort, page or searchAfter cursor.</summary>
public static class ContactSearchEngine
{
    /// <param name="searchLagMs">Contacts stored less than this long ago are not seen yet (an index that lags).</param>
    public static (JsonArray Contacts, int Total) Search(ContactStore store, SearchRequest request, int searchLagMs = 0) =>
        store.Query(request.LocationId, contacts =>
        {
            var visibleBefore = DateTime.UtcNow.AddMilliseconds(-searchLagMs);
            var comparer = new SortKeyComparer(request.Sorts);
            var matches = contacts
                .Where(r => (searchLagMs <= 0 || r.DateAdded <= visibleBefore) && MatchesQuery(r, request.Query) && Matches(r, request.Filter))
                .Select(r => (Record: r, Key: SortKey(r, request.Sorts)))
                .ToList();
            matches.Sort((a, b) => comparer.Compare(a.Key, b.Key));

            IEnumerable<(ContactRecord Record, object[] Key)> page = request.SearchAfter != null
                ? matches.Where(m => comparer.Compare(m.Key, request.SearchAfter.ToArray()) > 0)
                : matches.Skip((int)Math.Min(int.MaxValue, (long)(request.Page - 1) * request.PageLimit));

            var rendered = page.Take(request.PageLimit).Select(m =>
            {
                var json = ContactJson.Render(m.Record, ContactView.Get);
                json["searchAfter"] = new JsonArray(m.Key.Select(v => v switch
                {
                    long l => (JsonNode)JsonValue.Create(l),
                    string s => JsonValue.Create(s),
                    _ => null,
                }).ToArray());
                return (JsonNode)json;
            });
            return (new JsonArray(rendered.ToArray()), matches.Count);
        });

    /// <summary>The deprecated GET /contacts/ list: dateAdded order, cursor (startAfter ms, startAfterId).</summary>
    public static (JsonArray Contacts, int Total, ContactRecord Last, bool More) List(ContactStore store, string locationId,
        string query, int limit, long? startAfter, string startAfterId) =>
        store.Query(locationId, contacts =>
        {
            var sorts = new List<SearchSort> { new("dateAdded", SearchFieldKind.Date, false) };
            var comparer = new SortKeyComparer(sorts);
            var matches = contacts.Where(r => MatchesQuery(r, query))
                .Select(r => (Record: r, Key: SortKey(r, sorts))).ToList();
            matches.Sort((a, b) => comparer.Compare(a.Key, b.Key));

            if (startAfterId != null && startAfter == null)
            {
                var anchor = matches.FirstOrDefault(m => m.Record.Id == startAfterId);
                if (anchor.Record != null) startAfter = (long)anchor.Key[0];
            }
            var remaining = startAfter == null
                ? matches
                : matches.Where(m => comparer.Compare(m.Key, [startAfter.Value, startAfterId ?? string.Empty]) > 0).ToList();
            var page = remaining.Take(limit).ToList();
            var contactsJson = new JsonArray(page.Select(m => (JsonNode)ContactJson.Render(m.Record, ContactView.Get)).ToArray());
            return (contactsJson, matches.Count, page.LastOrDefault().Record, remaining.Count > page.Count);
        });

    private static object[] SortKey(ContactRecord r, List<SearchSort> sorts) =>
        sorts.Select(s => ContactSearchFields.SortValue(r, s)).Append(r.Id).ToArray();

    private static bool MatchesQuery(ContactRecord r, string query)
    {
        if (string.IsNullOrWhiteSpace(query)) return true;
        var q = query.Trim();
        foreach (var value in new[] { r.DisplayName, r.Get("firstName"), r.Get("lastName"), r.Get("email"), r.Get("companyName"), r.Get("phone") })
        {
            if (value != null && value.Contains(q, StringComparison.OrdinalIgnoreCase)) return true;
        }
        var digits = PhoneNormalizer.DigitsOnly(q);
        return digits.Length > 0 && q.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.') &&
               PhoneNormalizer.DigitsOnly(r.Get("phone")).Contains(digits, StringComparison.Ordinal);
    }

    private static bool Matches(ContactRecord r, SearchFilter filter)
    {
        if (filter.Group != null)
        {
            return filter.Group == "OR"
                ? filter.Children.Count == 0 || filter.Children.Any(c => Matches(r, c))
                : filter.Children.All(c => Matches(r, c));
        }
        return filter.Kind switch
        {
            SearchFieldKind.Tags => MatchTags(r, filter),
            SearchFieldKind.Boolean => MatchBoolean(r, filter),
            SearchFieldKind.Date => MatchDate(r, filter),
            _ => MatchText(r, filter),
        };
    }

    private static IEnumerable<string> Values(JsonNode value) =>
        value is JsonArray array ? array.Select(JsonKinds.AsString).Where(v => v != null) : [JsonKinds.AsString(value) ?? string.Empty];

    private static bool MatchText(ContactRecord r, SearchFilter f)
    {
        var actual = ContactSearchFields.Text(r, f.Field);
        var isPhone = f.Field == "phone";
        bool Equal(string expected) => isPhone
            ? actual != null && PhoneNormalizer.Normalize(actual) == PhoneNormalizer.Normalize(expected)
            : f.Kind == SearchFieldKind.Id ? actual == expected : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
        bool Contains(string expected) => actual != null && (actual.Contains(expected, StringComparison.OrdinalIgnoreCase) ||
            (isPhone && PhoneNormalizer.DigitsOnly(expected) is { Length: > 0 } d && PhoneNormalizer.DigitsOnly(actual).Contains(d, StringComparison.Ordinal)));

        return f.Operator switch
        {
            "eq" => Values(f.Value).Any(Equal),
            "not_eq" => !Values(f.Value).Any(Equal),
            "contains" => Values(f.Value).Any(Contains),
            "not_contains" => !Values(f.Value).Any(Contains),
            "exists" => !string.IsNullOrEmpty(actual),
            "not_exists" => string.IsNullOrEmpty(actual),
            _ => false,
        };
    }

    private static bool MatchTags(ContactRecord r, SearchFilter f)
    {
        var wanted = Values(f.Value).Select(TagNormalizer.Normalize).ToList();
        return f.Operator switch
        {
            "eq" => wanted.Any(r.Tags.Contains),
            "not_eq" => !wanted.Any(r.Tags.Contains),
            "contains" => wanted.Any(w => r.Tags.Any(t => t.Contains(w, StringComparison.Ordinal))),
            "not_contains" => !wanted.Any(w => r.Tags.Any(t => t.Contains(w, StringComparison.Ordinal))),
            "exists" => r.Tags.Count > 0,
            "not_exists" => r.Tags.Count == 0,
            _ => false,
        };
    }

    private static bool MatchBoolean(ContactRecord r, SearchFilter f)
    {
        var expected = JsonKinds.IsBool(f.Value) ? f.Value.GetValue<bool>() : JsonKinds.AsString(f.Value) == "true";
        return f.Operator switch
        {
            "eq" => r.Dnd == expected,
            "not_eq" => r.Dnd != expected,
            "exists" => true,
            _ => false,
        };
    }

    private static bool MatchDate(ContactRecord r, SearchFilter f)
    {
        var actual = ContactSearchFields.Date(r, f.Field);
        switch (f.Operator)
        {
            case "exists": return actual != null;
            case "not_exists": return actual == null;
            case "eq": return actual != null && actual == SearchRequestParser.DateValue(f.Value);
            case "not_eq": return actual != SearchRequestParser.DateValue(f.Value);
            case "range":
                if (actual == null) return false;
                foreach (var (bound, limitNode) in f.Value.AsObject())
                {
                    var limit = SearchRequestParser.DateValue(limitNode);
                    var ok = bound switch
                    {
                        "gt" => actual > limit,
                        "gte" => actual >= limit,
                        "lt" => actual < limit,
                        "lte" => actual <= limit,
                        _ => true,
                    };
                    if (!ok) return false;
                }
                return true;
            default: return false;
        }
    }
}
