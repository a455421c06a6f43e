namespace Customers.Api.Data.Sqlite;

public sealed class SqliteStatCounterStore : IStatCounterStore
{
    public async Task WriteAsync(CustomersDbContext db, IReadOnlyList<CustomerStatDelta> rows, AuditEvent? audit, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            // SQLite has no arrays: the rows travel as one JSON parameter.
            var json = JsonSerializer.Serialize(rows.Select(r => new object[] { r.TenantId, r.Metric, r.Key, r.Delta }));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta)
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each({json})
                """, cancellationToken);
        }
        if (audit is not null)
        {
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>SQLite has one writer at a time: read, insert the sums and delete in one transaction.</summary>
    public async Task CompactAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = await db.CustomerStatDeltas.Where(d => d.TenantId == tenantId).MaxAsync(d => (long?)d.Id, cancellationToken);
        if (last is null)
        {
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta)
            SELECT tenant_id, metric, key, sum(delta) FROM customer_stat_deltas
            WHERE tenant_id = {tenantId} AND customer_stat_delta_id <= {last}
            GROUP BY tenant_id, metric, key HAVING sum(delta) <> 0
            """, cancellationToken);
        await db.CustomerStatDeltas.Where(d => d.TenantId == tenantId && d.Id <= last).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public System.Data.IsolationLevel RecountIsolation => System.Data.IsolationLevel.Serializable;

    // One writer at a time already: nothing to lock.
    public Task<IAsyncDisposable> LockForFillAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
