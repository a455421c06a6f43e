namespace Customers.Api.Data;

/// <summary>
/// Set-based customer writes for bulk create, bulk update and import batches, with the statistics
/// counters they move. Each runs inside the caller's transaction.
/// </summary>
public interface ICustomerBulkWriter
{
    /// <summary>Inserts new customers of one tenant, sets their ids in input order, then writes <paramref name="audit"/>'s event if given.</summary>
    Task InsertAsync(CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, DateTime now, Func<AuditEvent>? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the given fields of each tracked customer (the rest stay as stored). A customer named
    /// by several rows gets the union of their fields.
    /// </summary>
    Task UpdateAsync(CustomersDbContext db, int tenantId, IReadOnlyList<(Customer Customer, IReadOnlySet<string> Fields)> rows, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's live customers that may share a phone and name with one of <paramref name="customers"/>:
    /// the caller compares them by <see cref="CustomerRules.DuplicateKey"/>.
    /// </summary>
    Task<List<ExistingCustomer>> FindSamePhoneAndNameAsync(CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, CancellationToken cancellationToken);
}
