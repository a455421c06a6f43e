using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Customers;

/// <summary>
/// The list's query string, bound as text so that every bad value gets a 400 naming the
/// parameter instead of a binding failure.
/// </summary>
public sealed record CustomerListQuery(
    [property: FromQuery(Name = "search")] string? Search,
    [property: FromQuery(Name = "paying_org")] string? PayingOrg,
    [property: FromQuery(Name = "is_login_enabled")] string? IsLoginEnabled,
    [property: FromQuery(Name = "archived")] string? Archived,
    [property: FromQuery(Name = "page")] string? Page,
    [property: FromQuery(Name = "limit")] string? Limit,
    [property: FromQuery(Name = "sort")] string? Sort,
    [property: FromQuery(Name = "deleted")] string? Deleted = null)
{
    /// <summary>The deleted-customers list (admins, §4): null when the parameter is not a boolean (an error is added).</summary>
    public bool? ReadDeleted(IDictionary<string, List<string>> errors)
    {
        if (Deleted is null)
        {
            return false;
        }
        var deleted = ParseBool(Deleted);
        if (deleted is null)
        {
            CustomerRules.AddError(errors, "deleted", "deleted must be true or false");
        }
        return deleted;
    }

    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private static readonly string[] SortKeys = ["name", "created_at", "updated_at", "postcode", "customer_id"];

    public CustomerFilter? ToFilter(IDictionary<string, List<string>> errors)
    {
        bool? loginEnabled = null;
        if (IsLoginEnabled is not null)
        {
            loginEnabled = ParseBool(IsLoginEnabled);
            if (loginEnabled is null)
            {
                CustomerRules.AddError(errors, "is_login_enabled", "is_login_enabled must be true or false");
            }
        }
        // Deleted customers are listed whether or not they were archived, unless the caller asks.
        var archived = (Archived ?? (ParseBool(Deleted ?? "") == true ? "all" : "false")).Trim().ToLowerInvariant() switch
        {
            "false" => ArchivedFilter.Active,
            "true" => ArchivedFilter.Archived,
            "all" => ArchivedFilter.All,
            _ => (ArchivedFilter?)null,
        };
        if (archived is null)
        {
            CustomerRules.AddError(errors, "archived", "archived must be false, true or all");
        }
        var search = Search is null ? null : TextCleaner.Clean(Search, multiline: false);
        if (search?.Length > 200)
        {
            CustomerRules.AddError(errors, "search", "search must be at most 200 characters");
        }
        var payingOrg = PayingOrg is null ? null : TextCleaner.Clean(PayingOrg, multiline: false);
        return errors.Count > 0 ? null : new CustomerFilter(
            string.IsNullOrEmpty(search) ? null : search,
            string.IsNullOrEmpty(payingOrg) ? null : payingOrg,
            loginEnabled,
            archived!.Value);
    }

    public CustomerPage? ToPage(IDictionary<string, List<string>> errors)
    {
        var page = ParsePositive(Page, "page", 1, int.MaxValue, 1, errors);
        var limit = ParsePositive(Limit, "limit", 1, MaxLimit, DefaultLimit, errors);
        var sort = (Sort ?? "name").Trim();
        var descending = sort.StartsWith('-');
        var key = descending ? sort[1..] : sort;
        if (!SortKeys.Contains(key))
        {
            CustomerRules.AddError(errors, "sort", $"sort must be one of {string.Join(", ", SortKeys)}, with '-' in front for descending");
        }
        if (!errors.ContainsKey("page") && !errors.ContainsKey("limit") && (long)(page - 1) * limit >= Pagination.Window)
        {
            CustomerRules.AddError(errors, "page", $"page {page} starts past row {Pagination.Window:N0}: narrow the search or the filters, or use the export for every row");
        }
        return errors.Count > 0 ? null : new CustomerPage(page, limit, key, descending);
    }

    private static int ParsePositive(string? text, string name, int min, int max, int fallback, IDictionary<string, List<string>> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        CustomerRules.AddError(errors, name, max == int.MaxValue
            ? $"{name} must be a whole number from {min}"
            : $"{name} must be a whole number from {min} to {max}");
        return fallback;
    }

    private static bool? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
