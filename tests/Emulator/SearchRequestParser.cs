using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>Validates a search body: shape problems give 422 messages, unknown fields a 400.</summary>
public static class SearchRequestParser
{
    public const int MaxPageLimit = 500;
    public const int MaxQueryLength = 75;

    private static readonly string[] Operators = ["eq", "not_eq", "contains", "not_contains", "exists", "not_exists", "range"];
    private static readonly string[] AllowedProperties = ["locationId", "pageLimit", "page", "searchAfter", "query", "filters", "sort"];

    public static SearchParseResult Parse(JsonObject body)
    {
        var errors = new List<string>();
        string badRequest = null;

        foreach (var (name, _) in body)
        {
            if (!AllowedProperties.Contains(name)) errors.Add($"property {name} should not exist");
        }
        ContactBodyValidator.ValidateLocationId(body, errors);

        var pageLimit = 0;
        if (!body.TryGetPropertyValue("pageLimit", out var pageLimitNode) || pageLimitNode is null)
        {
            errors.Add("pageLimit should not be empty");
            errors.Add("pageLimit must be a number conforming to the specified constraints");
        }
        else if (JsonKinds.AsInt(pageLimitNode) is not { } limit)
        {
            errors.Add("pageLimit must be a number conforming to the specified constraints");
        }
        else
        {
            pageLimit = limit;
            if (limit < 1) errors.Add("pageLimit must not be less than 1");
            if (limit > MaxPageLimit) errors.Add($"pageLimit must not be greater than {MaxPageLimit}");
        }

        var page = 1;
        if (body.TryGetPropertyValue("page", out var pageNode) && pageNode is not null)
        {
            if (JsonKinds.AsInt(pageNode) is not { } p) errors.Add("page must be a number conforming to the specified constraints");
            else if (p < 1) errors.Add("page must not be less than 1");
            else page = p;
        }

        string query = null;
        if (body.TryGetPropertyValue("query", out var queryNode) && queryNode is not null)
        {
            query = JsonKinds.AsString(queryNode);
            if (query == null) errors.Add("query must be a string");
            else if (query.Length > MaxQueryLength) errors.Add($"query must be shorter than or equal to {MaxQueryLength} characters");
        }

        List<object> searchAfter = null;
        if (body.TryGetPropertyValue("searchAfter", out var afterNode) && afterNode is not null)
        {
            if (afterNode is not JsonArray afterArray) errors.Add("searchAfter must be an array");
            else searchAfter = afterArray.Select(CursorValue).ToList();
        }

        var root = new SearchFilter { Group = "AND" };
        if (body.TryGetPropertyValue("filters", out var filtersNode) && filtersNode is not null)
        {
            if (filtersNode is not JsonArray filters) errors.Add("filters must be an array");
            else root = new SearchFilter { Group = "AND", Children = ParseFilters(filters, "filters", errors, ref badRequest) };
        }

        var sorts = new List<SearchSort>();
        if (body.TryGetPropertyValue("sort", out var sortNode) && sortNode is not null)
        {
            if (sortNode is not JsonArray sortArray) errors.Add("sort must be an array");
            else sorts = ParseSorts(sortArray, errors, ref badRequest);
        }
        if (sorts.Count == 0) sorts.Add(new SearchSort("dateAdded", SearchFieldKind.Date, false));

        if (errors.Count == 0 && badRequest == null && searchAfter != null && searchAfter.Count != sorts.Count + 1)
        {
            badRequest = $"searchAfter must have {sorts.Count + 1} values: the searchAfter of the last contact of the previous page";
        }

        if (errors.Count > 0) return new SearchParseResult { ValidationErrors = errors };
        if (badRequest != null) return new SearchParseResult { BadRequest = badRequest };
        return new SearchParseResult
        {
            Request = new SearchRequest
            {
                LocationId = body["locationId"]!.GetValue<string>(),
                PageLimit = pageLimit,
                Page = page,
                SearchAfter = searchAfter,
                Query = string.IsNullOrWhiteSpace(query) ? null : query.Trim(),
                Filter = root,
                Sorts = sorts,
            },
        };
    }

    /// <summary>searchAfter values: numbers become long, strings stay strings.</summary>
    public static object CursorValue(JsonNode node) => JsonKinds.KindOf(node) switch
    {
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out var l) ? l : (long)node.GetValue<double>(),
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        _ => null,
    };

    private static List<SearchFilter> ParseFilters(JsonArray filters, string path, List<string> errors, ref string badRequest)
    {
        var result = new List<SearchFilter>();
        for (var i = 0; i < filters.Count; i++)
        {
            var itemPath = $"{path}.{i}";
            if (filters[i] is not JsonObject item)
            {
                errors.Add($"{itemPath} must be an object");
                continue;
            }
            if (item.ContainsKey("group") || item.ContainsKey("filters"))
            {
                var group = JsonKinds.AsString(item["group"])?.ToUpperInvariant();
                if (group is not ("AND" or "OR")) errors.Add($"{itemPath}.group must be one of the following values: AND, OR");
                if (item["filters"] is not JsonArray children)
                {
                    errors.Add($"{itemPath}.filters must be an array");
                    continue;
                }
                result.Add(new SearchFilter { Group = group, Children = ParseFilters(children, $"{itemPath}.filters", errors, ref badRequest) });
                continue;
            }

            var field = JsonKinds.AsString(item["field"]);
            var op = JsonKinds.AsString(item["operator"]);
            item.TryGetPropertyValue("value", out var value);
            if (field == null) errors.Add($"{itemPath}.field must be a string");
            if (op == null || !Operators.Contains(op))
                errors.Add($"{itemPath}.operator must be one of the following values: {string.Join(", ", Operators)}");
            if (field == null || op == null || !Operators.Contains(op)) continue;

            if (!ContactSearchFields.TryGetKind(field, out var kind))
            {
                badRequest ??= $"Invalid field {field}";
                continue;
            }
            if (!OperatorSupported(kind, op))
            {
                badRequest ??= $"Invalid operator {op} for field {field}";
                continue;
            }
            var valueError = CheckValue(kind, op, value);
            if (valueError != null) errors.Add($"{itemPath}.value {valueError}");
            result.Add(new SearchFilter { Field = field, Kind = kind, Operator = op, Value = value?.DeepClone() });
        }
        return result;
    }

    private static bool OperatorSupported(SearchFieldKind kind, string op) => kind switch
    {
        SearchFieldKind.Date => op is "range" or "eq" or "not_eq" or "exists" or "not_exists",
        SearchFieldKind.Boolean => op is "eq" or "not_eq" or "exists" or "not_exists",
        _ => op != "range",
    };

    private static string CheckValue(SearchFieldKind kind, string op, JsonNode value)
    {
        if (op is "exists" or "not_exists") return null;
        if (value is null) return "should not be empty";
        switch (kind)
        {
            case SearchFieldKind.Boolean:
                return JsonKinds.IsBool(value) || JsonKinds.AsString(value) is "true" or "false" ? null : "must be a boolean value";
            case SearchFieldKind.Date when op == "range":
                if (value is not JsonObject range || range.Count == 0) return "must be an object with gt, gte, lt or lte";
                foreach (var (bound, limit) in range)
                {
                    if (bound is not ("gt" or "gte" or "lt" or "lte")) return $"has an unknown bound {bound}";
                    if (DateValue(limit) == null) return $"{bound} must be a date";
                }
                return null;
            case SearchFieldKind.Date:
                return DateValue(value) == null ? "must be a date" : null;
            default:
                if (JsonKinds.IsString(value)) return null;
                if (op is "eq" or "not_eq" && JsonKinds.IsStringArray(value)) return null;
                return op is "eq" or "not_eq" ? "must be a string or an array of strings" : "must be a string";
        }
    }

    /// <summary>A date filter value: epoch milliseconds or an ISO/calendar date string.</summary>
    public static long? DateValue(JsonNode node)
    {
        if (JsonKinds.IsNumber(node)) return (long)node.GetValue<double>();
        var text = JsonKinds.AsString(node);
        if (text == null) return null;
        if (IsoTime.TryParse(text, out var instant)) return IsoTime.ToEpochMs(instant);
        if (DateOfBirthParser.TryParse(text, out var date)) return IsoTime.ToEpochMs(date);
        return null;
    }

    private static List<SearchSort> ParseSorts(JsonArray sortArray, List<string> errors, ref string badRequest)
    {
        var sorts = new List<SearchSort>();
        for (var i = 0; i < sortArray.Count; i++)
        {
            if (sortArray[i] is not JsonObject item)
            {
                errors.Add($"sort.{i} must be an object");
                continue;
            }
            var field = JsonKinds.AsString(item["field"]);
            var direction = JsonKinds.AsString(item["direction"])?.ToLowerInvariant() ?? "asc";
            if (field == null) errors.Add($"sort.{i}.field must be a string");
            if (direction is not ("asc" or "desc")) errors.Add($"sort.{i}.direction must be one of the following values: asc, desc");
            if (field == null) continue;
            if (!ContactSearchFields.TryGetKind(field, out var kind))
            {
                badRequest ??= $"Invalid sort field {field}";
                continue;
            }
            sorts.Add(new SearchSort(field, kind, direction == "desc"));
        }
        return sorts;
    }
}
