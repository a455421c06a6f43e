namespace Customers.Api.Data;

/// <summary>Substring search over customers and the upkeep of its index.</summary>
public interface ICustomerSearch
{
    /// <summary>Customers with <paramref name="text"/> (literally, ignoring case) in their name, email, phone or postcode.</summary>
    IQueryable<Customer> Matching(IQueryable<Customer> customers, string text);

    /// <summary>Whether the search index keeps pending entries that <see cref="MergePendingEntriesAsync"/> merges.</summary>
    bool HasPendingEntries { get; }

    /// <summary>Merges the search index's pending entries now. False when this database user may not (not the index's owner).</summary>
    Task<bool> MergePendingEntriesAsync(CustomersDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// After a big import: what autovacuum would do later (merge the pending entries, refresh the
    /// planner's statistics of customers). False when this database user may not.
    /// </summary>
    Task<bool> TidyAfterImportAsync(CustomersDbContext db, int rowsWritten, CancellationToken cancellationToken);
}
