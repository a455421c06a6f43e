namespace Customers.Api.Data.Sqlite;

/// <summary>Through the change tracker, which also moves the statistics counters (SQLite is the embedded default, not the production database).</summary>
public sealed class SqliteCustomerBulkWriter : ICustomerBulkWriter
{
    public async Task InsertAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, DateTime now, Func<AuditEvent>? audit, CancellationToken cancellationToken)
    {
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(cancellationToken);
        if (audit is not null)
        {
            db.AuditEvents.Add(audit());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // The customers are tracked with their new values already.
    public async Task UpdateAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<(Customer Customer, IReadOnlySet<string> Fields)> rows, DateTime now, CancellationToken cancellationToken) =>
        await db.SaveChangesAsync(cancellationToken);

    /// <summary>By phone only: SQLite's lower() folds only ASCII, so the caller compares the names.</summary>
    public async Task<List<ExistingCustomer>> FindSamePhoneAndNameAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, CancellationToken cancellationToken)
    {
        var phones = customers.Select(c => c.Phone).Distinct().ToList();
        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive && phones.Contains(c.Phone))
            .Select(c => new ExistingCustomer(c.Id, c.Name, c.Phone))
            .ToListAsync(cancellationToken);
    }
}
