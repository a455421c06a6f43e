namespace Customers.Api.Customers;

public static class CustomerQueries
{
    /// <summary>Applies the list filters. The caller has already restricted to one tenant.</summary>
    public static IQueryable<Customer> Filter(this IQueryable<Customer> query, CustomerFilter filter, ICustomerSearch search)
    {
        query = query.FilterFields(filter);
        return filter.Search is null ? query : query.Search(filter.Search, search);
    }

    /// <summary>The filters on fields: archived, paying organisation, login.</summary>
    public static IQueryable<Customer> FilterFields(this IQueryable<Customer> query, CustomerFilter filter)
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
        return query;
    }

    /// <summary>Customers matching a search (§4): every term must match somewhere, so "smith geoffrey" finds Geoffrey Smith.</summary>
    public static IQueryable<Customer> Search(this IQueryable<Customer> query, string text, ICustomerSearch search)
    {
        foreach (var term in SearchTerms(text))
        {
            // Phones are stored in E.164 (§3), so a number written in any form is that one
            // value: an equality its index answers, where the text's digits would have the
            // search index read the posting lists that every "+447700…" shares (40–75 ms at 1M).
            query = term.Phone is { } phone ? query.Where(c => c.Phone == phone) : search.Matching(query, term.Text);
        }
        return query;
    }

    /// <summary>The most words a search is split into; more are matched as the last one's text.</summary>
    public const int MaxSearchWords = 8;

    /// <summary>
    /// The terms of a search (§4): a whole search that is a phone number or a postcode is one term
    /// (the phone matched as its E.164 form, the postcode in its stored form, so `hg11bg` finds
    /// `HG1 1BG`); otherwise each word is a term, with the same two readings of its own.
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

    /// <summary>A LIKE pattern (<c>\</c> escaping) finding <paramref name="text"/> anywhere: <c>%</c> and <c>_</c> are literal.</summary>
    public static string LikePattern(string text) => "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal)
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
