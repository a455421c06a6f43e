using System.Globalization;

namespace Customers.Web.Api;

/// <summary>The list's filters, sort and page (§4), as the list and the export take them.</summary>
public sealed record CustomerQuery(
    string? Search = null,
    string? PayingOrg = null,
    bool? IsLoginEnabled = null,
    bool ShowArchived = false,
    string Sort = "name",
    bool Descending = false,
    int Page = 1,
    int Limit = 25)
{
    /// <summary>The filters only: the export takes exactly what the list shows, every page of it.</summary>
    public string FilterQueryString()
    {
        var parts = new List<string> { "archived=" + (ShowArchived ? "all" : "false") };
        if (!string.IsNullOrWhiteSpace(Search))
        {
            parts.Add("search=" + Uri.EscapeDataString(Search.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(PayingOrg))
        {
            parts.Add("paying_org=" + Uri.EscapeDataString(PayingOrg.Trim()));
        }
        if (IsLoginEnabled is { } login)
        {
            parts.Add("is_login_enabled=" + (login ? "true" : "false"));
        }
        return string.Join('&', parts);
    }

    public string QueryString() => string.Join('&',
        FilterQueryString(),
        "sort=" + (Descending ? "-" : "") + Sort,
        "page=" + Page.ToString(CultureInfo.InvariantCulture),
        "limit=" + Limit.ToString(CultureInfo.InvariantCulture));
}
