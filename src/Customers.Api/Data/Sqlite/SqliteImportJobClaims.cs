namespace Customers.Api.Data.Sqlite;

public sealed class SqliteImportJobClaims : IImportJobClaims
{
    // SQLite has one writer at a time, so the UPDATE alone is the claim.
    public async Task<ClaimedImportJob?> ClaimAsync(CustomersDbContext db, string instanceId, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<ClaimedImportJob>($"""
            UPDATE import_jobs SET status = 'running', claimed_by = {instanceId}, claimed_until = {until}, started_at = COALESCE(started_at, {now})
            WHERE import_job_id = (
                SELECT import_job_id FROM import_jobs
                WHERE status IN ('queued', 'running') AND (claimed_until IS NULL OR claimed_until < {now})
                ORDER BY import_job_id LIMIT 1)
            RETURNING tenant_id, import_job_id
            """).ToListAsync(cancellationToken)).FirstOrDefault();

    public Task BeginBatchAsync(CustomersDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
