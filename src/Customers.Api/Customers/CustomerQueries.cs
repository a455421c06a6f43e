namespace Customers.Api.Customers;

public static class CustomerQueries
{
    /// <summary>Applies the list filters. The caller has already restricted to one tenant.</summary>
    public static IQueryable<Customer> Filter(this IQueryable<Customer> query, CustomerFilter filter, ICustomerSearch search)
    {
        query = filter.Archived switch
        {
            ArchivedFilter.Active => query.Where(c => !c.Archived),
            ArchivedFilter.Archived => query.Where(c => c.Archived),
            _ => query,
        };
        if (filter.PayingOrg is not null)
        {
            query = query.Where(c => c.PayingOrg == filter.PayingOrg);
        }
        if (filter.IsLoginEnabled is { } loginEnabled)
        {
            query = query.Where(c => c.IsLoginEnabled == loginEnabled);
        }
        if (filter.Search is not null)
        {
            // Every term must match somewhere (§4): "smith geoffrey" finds Geoffrey Smith.
            foreach (var term in SearchTerms(filter.Search))
            {
                query = search.Matching(query, LikePattern(term.Text), term.Phone);
            }
        }
        return query;
    }

    /// <summary>The most words a search is split into; more are matched as the last one's text.</summary>
    public const int MaxSearchWords = 8;

    /// <summary>
    /// The terms of a search (§4): a whole search that is a phone number or a postcode is one term
    /// (the phone also matched on its E.164 form, the postcode in its stored form, so `hg11bg`
    /// finds `HG1 1BG`); otherwise each word is a term, with the same two readings of its own.
    /// </summary>
    public static IReadOnlyList<(string Text, string? Phone)> SearchTerms(string search)
    {
        var whole = search.Trim();
        if (Phone(whole) is { } phone)
        {
            return [(whole, phone)];
        }
        if (UkPostcode.Normalise(whole) is { } postcode)
        {
            return [(postcode, null)];
        }
        var words = whole.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Count > MaxSearchWords)
        {
            words = [.. words.Take(MaxSearchWords - 1), string.Join(' ', words.Skip(MaxSearchWords - 1))];
        }
        return words.Select(w => (UkPostcode.Normalise(w) ?? w, Phone(w))).ToList();
    }

    // Only text written as a phone number is read as one: the phone parser finds digits in any text ("geoffrey 07700…").
    private static string? Phone(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.')
            ? PhoneRules.Parse(text)?.E164
            : null;

    // % and _ are literal: escape them (and the escape character) for LIKE.
    private static string LikePattern(string text) => "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    public static IOrderedQueryable<Customer> Sort(this IQueryable<Customer> query, string key, bool descending)
    {
        // Every sort ends on the id so that pages never overlap or skip a row.
        return (key, descending) switch
        {
            ("name", false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
            ("name", true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            ("created_at", false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            ("created_at", true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            ("updated_at", false) => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            ("updated_at", true) => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
            ("postcode", false) => query.OrderBy(c => c.Postcode).ThenBy(c => c.Id),
            ("postcode", true) => query.OrderByDescending(c => c.Postcode).ThenByDescending(c => c.Id),
            (_, false) => query.OrderBy(c => c.Id),
            (_, true) => query.OrderByDescending(c => c.Id),
        };
    }
}
