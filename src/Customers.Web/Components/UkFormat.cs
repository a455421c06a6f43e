using System.Globalization;

namespace Customers.Web.Components;

/// <summary>UK conventions for what the app shows (§11): dd/MM/yyyy, 24-hour times, phones in national format.</summary>
public static class UkFormat
{
    // The app ships without culture data; every UK format below is spelt out, and numbers group
    // with commas as the invariant culture does.
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Date(DateTime utc) => utc.ToLocalTime().ToString("dd/MM/yyyy", Culture);

    public static string DateTime(DateTime utc) => utc.ToLocalTime().ToString("dd/MM/yyyy HH:mm", Culture);

    /// <summary>
    /// A stored E.164 number as people write it: +447700900123 → 07700 900123, +441134960123 →
    /// 0113 496 0123, +442079460000 → 020 7946 0000. Numbers from abroad stay international.
    /// </summary>
    public static string Phone(string? e164)
    {
        if (string.IsNullOrEmpty(e164) || !e164.StartsWith("+44", StringComparison.Ordinal) || e164.Length != 13)
        {
            return e164 ?? "";
        }
        var national = "0" + e164[3..];
        return national[1] switch
        {
            '2' => $"{national[..3]} {national[3..7]} {national[7..]}",
            '1' when national[2] == '1' || national[3] == '1' => $"{national[..4]} {national[4..7]} {national[7..]}",
            _ => $"{national[..5]} {national[5..]}",
        };
    }
}
