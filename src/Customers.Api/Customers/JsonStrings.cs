namespace Customers.Api.Customers;

/// <summary>
/// JSON may escape half of a UTF-16 surrogate pair (<c>"\ud800"</c>), which is valid JSON but not
/// text: .NET refuses to read such a string. Bodies are checked once, before any rule reads them.
/// </summary>
public static class JsonStrings
{
    public const string Problem = "holds a string that is not valid text (an unpaired UTF-16 surrogate escape, \\ud800–\\udfff)";

    /// <summary>The path of the first string or property name that cannot be read as text, or null.</summary>
    public static string? FindInvalid(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return CanRead(element) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }
                    if (FindInvalid(property.Value, $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool CanRead(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
