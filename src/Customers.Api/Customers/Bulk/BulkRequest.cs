namespace Customers.Api.Customers.Bulk;

/// <summary>The envelope rules every bulk request shares (§5).</summary>
public static class BulkRequest
{
    public const int MaxItems = 500;

    /// <summary>
    /// Reads the one array a bulk body carries (<c>customers</c>, <c>updates</c>, <c>customer_ids</c>).
    /// Returns null with the seed's message when it is missing, empty, not an array or too long.
    /// </summary>
    public static JsonElement[]? ReadItems(JsonElement body, string arrayName, out string? problem)
    {
        problem = null;
        var required = $"{arrayName} array is required";
        if (body.ValueKind != JsonValueKind.Object)
        {
            problem = required;
            return null;
        }
        JsonElement? array = null;
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == arrayName && array is not null)
            {
                // JSON allows it, but which list was meant? Not the last one silently.
                problem = $"Field '{arrayName}' is given more than once";
                return null;
            }
            if (property.Name == arrayName)
            {
                array = property.Value;
            }
            else
            {
                problem = $"Unknown field '{property.Name}': the body is {{ \"{arrayName}\": [ … ] }}";
                return null;
            }
        }
        if (array is not { ValueKind: JsonValueKind.Array } items || items.GetArrayLength() == 0)
        {
            problem = required;
            return null;
        }
        var count = items.GetArrayLength();
        if (count > MaxItems)
        {
            problem = $"{arrayName} array may hold at most {MaxItems} items (got {count})";
            return null;
        }
        return items.EnumerateArray().ToArray();
    }

    /// <summary>Reads customer ids; repeated ids count once. Null with a message when any item is not a positive integer.</summary>
    public static int[]? ReadIds(JsonElement body, string arrayName, out string? problem)
    {
        var items = ReadItems(body, arrayName, out problem);
        if (items is null)
        {
            return null;
        }
        var ids = new List<int>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (ReadId(items[i]) is not { } id)
            {
                problem = $"{arrayName}[{i}] must be a positive integer customer id (got {Describe(items[i])})";
                return null;
            }
            ids.Add(id);
        }
        return ids.Distinct().ToArray();
    }

    public static int? ReadId(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id) && id > 0 ? id : null;

    public static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }

    /// <summary>Reads a true/false query flag; null when absent.</summary>
    public static bool ReadFlag(string? value, string name, IDictionary<string, List<string>> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0":
                return false;
            case "true" or "1":
                return true;
            default:
                CustomerRules.AddError(errors, name, $"{name} must be true or false");
                return false;
        }
    }
}
