using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>The locations API's custom field reads (scope locations/customFields.readonly). Failures surface as ContactsApiException.</summary>
    internal sealed class CustomFieldsApi
    {
        private readonly ApiSession _session;

        public CustomFieldsApi(ApiSession session)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
        }

        /// <summary>GET /locations/{locationId}/customFields?model=contact: the location's contact custom fields, by position.</summary>
        public async Task<IReadOnlyList<ContactCustomField>> ListContactFieldsAsync(string locationId, IApiTrace trace, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(locationId)) throw new ArgumentException("A location id is needed to read its custom fields.", nameof(locationId));
            var request = new ApiRequest(HttpMethod.Get, "/locations/" + Uri.EscapeDataString(locationId) + "/customFields?model=contact");
            var response = await _session.SendAsync(request, trace ?? NullApiTrace.Instance, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess) throw ContactsApi.ToException(request, response);
            try
            {
                using (var doc = JsonDocument.Parse(response.Body ?? string.Empty))
                {
                    var fields = new List<ContactCustomField>();
                    if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                        !doc.RootElement.TryGetProperty("customFields", out var array) || array.ValueKind != JsonValueKind.Array)
                        throw new JsonException("no customFields array");
                    foreach (var item in array.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object) continue;
                        string model = Text(item, "model");
                        if (model != null && !string.Equals(model, "contact", StringComparison.OrdinalIgnoreCase)) continue;
                        fields.Add(Read(item, locationId));
                    }
                    fields.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : string.CompareOrdinal(a.Name, b.Name));
                    return fields;
                }
            }
            catch (JsonException ex)
            {
                throw new ContactsApiException(ApiErrorKind.InvalidResponse,
                    string.Format(CultureInfo.InvariantCulture, "{0} answered {1} with a body that is not the expected JSON.", request, response.StatusCode), ex)
                {
                    StatusCode = response.StatusCode,
                    Method = request.Method.Method,
                    Path = request.Path,
                    Attempts = response.Attempts,
                };
            }
        }

        internal static ContactCustomField Read(JsonElement item, string locationId)
        {
            var options = new List<string>();
            if (item.TryGetProperty("picklistOptions", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var option in list.EnumerateArray())
                    if (option.ValueKind == JsonValueKind.String) options.Add(option.GetString());
            int position = 0;
            if (item.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var d)) position = (int)d;
            return new ContactCustomField
            {
                Id = Text(item, "id"),
                Name = Text(item, "name"),
                Key = Text(item, "fieldKey"),
                DataType = Text(item, "dataType"),
                Options = options.ToArray(),
                Placeholder = Text(item, "placeholder"),
                Position = position,
                AllowCustomOption = item.TryGetProperty("isAllowedCustomOption", out var a) && a.ValueKind == JsonValueKind.True,
                LocationId = Text(item, "locationId") ?? locationId,
            };
        }

        private static string Text(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
