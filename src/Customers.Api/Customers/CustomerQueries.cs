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
            // % and _ are literal: escape them (and the escape character) for LIKE.
            var pattern = "%" + filter.Search.Replace(@"\", @"\\", StringComparison.Ordinal)
                .Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal) + "%";
            // Only a term that is a phone number matches a phone exactly (an erased customer's phone is empty).
            var phone = PhoneRules.Parse(filter.Search)?.E164;
            query = search.Matching(query, pattern, phone);
        }
        return query;
    }

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
