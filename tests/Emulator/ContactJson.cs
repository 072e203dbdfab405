using System.Text.Json.Nodes;

namespace ContactsEmulator;

/// <summary>Renders a stored contact in HighLevel's response shape. Call under the store lock.</summary>
public static class ContactJson
{
    public static JsonObject Render(ContactRecord c, ContactView view)
    {
        var json = new JsonObject
        {
            ["id"] = c.Id,
            ["dateAdded"] = IsoTime.Format(c.DateAdded),
            ["dateUpdated"] = IsoTime.Format(c.DateUpdated),
            ["deleted"] = c.Deleted,
            ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode)t).ToArray()),
            ["type"] = "lead",
            ["customFields"] = new JsonArray(c.CustomFields
                .Select(f => (JsonNode)new JsonObject { ["id"] = f.Key, ["value"] = f.Value?.DeepClone() })
                .ToArray()),
            ["locationId"] = c.LocationId,
        };

        AddText(json, c, "firstName");
        if (c.Get("firstName") is { } first) json["firstNameLowerCase"] = first.ToLowerInvariant();
        AddText(json, c, "lastName");
        if (c.Get("lastName") is { } last) json["lastNameLowerCase"] = last.ToLowerInvariant();
        if (c.FullNameLowerCase is { } full) json["fullNameLowerCase"] = full;
        if (c.DisplayName is { } name) json["name"] = name;
        AddText(json, c, "email");
        if (c.Get("email") is { } email) json["emailLowerCase"] = email.ToLowerInvariant();
        json["bounceEmail"] = false;
        json["unsubscribeEmail"] = false;
        json["dnd"] = c.Dnd;
        if (c.DndSettings != null) json["dndSettings"] = c.DndSettings.DeepClone();
        if (c.InboundDndSettings != null) json["inboundDndSettings"] = c.InboundDndSettings.DeepClone();
        foreach (var field in new[] { "phone", "address1", "city", "state", "country", "postalCode", "website",
                     "timezone", "source", "companyName", "gender", "assignedTo" })
        {
            AddText(json, c, field);
        }
        if (c.DateOfBirth is { } dob)
        {
            json["dateOfBirth"] = IsoTime.Format(dob);
            json["birthMonth"] = dob.Month - 1; // zero-based, as HighLevel's seed example shows (September -> 8)
            json["birthDay"] = dob.Day;
        }
        json["lastSessionActivityAt"] = IsoTime.Format(c.LastSessionActivityAt);
        json["offers"] = new JsonArray();
        json["products"] = new JsonArray();
        if (c.Get("companyName") is { Length: > 0 } company)
            json["businessId"] = IdGenerator.DerivedHex24("business", c.LocationId, company.Trim().ToLowerInvariant());
        json["attributionSource"] = new JsonObject
        {
            ["url"] = "public api",
            ["campaign"] = null,
            ["utmSource"] = null,
            ["utmMedium"] = null,
            ["referrer"] = null,
            ["medium"] = "api",
            ["mediumId"] = null,
            ["sessionSource"] = "Integration",
        };

        if (view == ContactView.Get)
        {
            json["lastActivity"] = IsoTime.Format(c.DateUpdated);
            json["followers"] = new JsonArray();
            json["additionalEmails"] = new JsonArray();
        }
        return json;
    }

    private static void AddText(JsonObject json, ContactRecord c, string field)
    {
        if (c.Get(field) is { } value) json[field] = value;
    }
}
