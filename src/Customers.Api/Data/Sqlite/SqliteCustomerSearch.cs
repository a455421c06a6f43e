namespace Customers.Api.Data.Sqlite;

/// <summary>
/// LIKE on each field. SQLite's LIKE ignores case for ASCII letters only, so on SQLite a search
/// is case-sensitive for other letters (É against é).
/// </summary>
public sealed class SqliteCustomerSearch : ICustomerSearch
{
    public IQueryable<Customer> Matching(IQueryable<Customer> customers, string text)
    {
        var likePattern = CustomerQueries.LikePattern(text);
        return customers.Where(c => EF.Functions.Like(c.Name, likePattern, @"\")
            || EF.Functions.Like(c.Email, likePattern, @"\")
            || EF.Functions.Like(c.Phone, likePattern, @"\")
            || EF.Functions.Like(c.Postcode, likePattern, @"\"));
    }

    // No search index, so nothing pending.
    public bool HasPendingEntries => false;

    public Task<bool> MergePendingEntriesAsync(CustomersDbContext db, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> TidyAfterImportAsync(CustomersDbContext db, int rowsWritten, CancellationToken cancellationToken) => Task.FromResult(true);
}
