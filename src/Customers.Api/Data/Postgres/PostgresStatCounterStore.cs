namespace Customers.Api.Data.Postgres;

public sealed class PostgresStatCounterStore : IStatCounterStore
{
    public Task WriteAsync(CustomersDbContext db, IReadOnlyList<CustomerStatDelta> rows, AuditEvent? audit, CancellationToken cancellationToken) =>
        PostgresCommands.WriteCountersAndAuditAsync(db, rows, audit, cancellationToken);

    /// <summary>
    /// One statement deletes the rows it can see and inserts their sums; rows another transaction
    /// is still writing are left for next time, and two instances compacting at once each fold
    /// only the rows they deleted.
    /// </summary>
    public async Task CompactAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            WITH folded AS (DELETE FROM customer_stat_deltas WHERE tenant_id = {tenantId} RETURNING metric, key, delta)
            INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta)
            SELECT {tenantId}, metric, key, sum(delta)::int FROM folded GROUP BY metric, key HAVING sum(delta) <> 0
            """, cancellationToken);

    // Changes committed while a recount runs keep their own rows.
    public System.Data.IsolationLevel RecountIsolation => System.Data.IsolationLevel.RepeatableRead;

    public async Task<IAsyncDisposable> LockForFillAsync(CustomersDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({FillLockKey})", cancellationToken);
        return new AdvisoryLock(db);
    }

    private const long FillLockKey = 0x5354415453; // "STATS"

    private sealed class AdvisoryLock(CustomersDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({FillLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
