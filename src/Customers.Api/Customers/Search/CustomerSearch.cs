namespace Customers.Api.Customers.Search;

/// <summary>
/// PostgreSQL's substring search index, kept off the write path. Each customer's searchable
/// fields are held as one text in <c>customer_search</c>, under a trigram GIN index. Writes do
/// not maintain it: triggers on <c>customers</c> put every new customer, and every customer
/// whose name, email, phone or postcode changed, in <c>customer_search_queue</c> (one set-based
/// insert per statement), and <see cref="SearchIndexer"/> brings the text up to date in the
/// background. Searches stay exact meanwhile: a queued customer is matched on its own columns
/// and never on its (possibly stale) indexed text. See <see cref="Matching"/>.
/// </summary>
public sealed class CustomerSearchEntry
{
    public int TenantId { get; set; }
    public int CustomerId { get; set; }

    /// <summary>Name, email, phone and postcode joined by U+001F, which a search term cannot contain (cleaned text has no control characters), so a match never spans two fields.</summary>
    public string Text { get; set; } = "";
}

/// <summary>A customer whose <see cref="CustomerSearchEntry"/> is missing or out of date.</summary>
public sealed class CustomerSearchQueueEntry
{
    public int TenantId { get; set; }
    public int CustomerId { get; set; }
}

public static class CustomerSearch
{
    /// <summary>
    /// PostgreSQL: ids of the tenant's customers whose name, email, phone or postcode contains
    /// <paramref name="pattern"/> (an ILIKE pattern), or whose phone is <paramref name="phone"/> (when the term is a phone number).
    /// Indexed customers are found through the trigram index; queued ones by their columns.
    /// </summary>
    public static IQueryable<int> Matching(CustomersDbContext db, int tenantId, string pattern, string? phone)
    {
        var queue = db.Set<CustomerSearchQueueEntry>();
        var indexed = db.Set<CustomerSearchEntry>()
            .Where(s => s.TenantId == tenantId && EF.Functions.ILike(s.Text, pattern, @"\")
                && !queue.Any(q => q.TenantId == tenantId && q.CustomerId == s.CustomerId))
            .Select(s => s.CustomerId);
        var queued = queue
            .Where(q => q.TenantId == tenantId)
            .Join(db.Customers.Where(c => c.TenantId == tenantId), q => q.CustomerId, c => c.Id, (q, c) => c)
            .Where(c => EF.Functions.ILike(c.Name, pattern, @"\")
                || EF.Functions.ILike(c.Email!, pattern, @"\")
                || EF.Functions.ILike(c.Phone, pattern, @"\")
                || EF.Functions.ILike(c.Postcode!, pattern, @"\"))
            .Select(c => c.Id);
        var matching = indexed.Concat(queued);
        return phone is null ? matching : matching.Concat(db.Customers.Where(c => c.TenantId == tenantId && c.Phone == phone).Select(c => c.Id));
    }
}
