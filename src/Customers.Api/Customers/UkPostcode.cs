using System.Text.RegularExpressions;

namespace Customers.Api.Customers;

/// <summary>UK postcodes in the Royal Mail shapes (A9, A99, AA9, AA99, A9A, AA9A + 9AA), plus GIR 0AA.</summary>
public static partial class UkPostcode
{
    [GeneratedRegex(@"^(?:(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2}|GIR0AA)$")]
    private static partial Regex Shape();

    /// <summary>Returns the postcode upper-case with one space before the inward code, or null if invalid.</summary>
    public static string? Normalise(string value)
    {
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length is < 5 or > 7 || !Shape().IsMatch(compact))
        {
            return null;
        }
        return $"{compact[..^3]} {compact[^3..]}";
    }
}
