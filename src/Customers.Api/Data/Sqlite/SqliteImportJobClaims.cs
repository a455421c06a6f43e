namespace Customers.Api.Data.Sqlite;

public sealed class SqliteImportJobClaims : IImportJobClaims
{
    // The tenant served longest ago first (SQLite sorts a never-served tenant's NULL first), as on
    // PostgreSQL. SQLite has one writer at a time, so the UPDATE alone is the claim.
    public async Task<ClaimedImportJob?> ClaimAsync(CustomersDbContext db, string instanceId, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<ClaimedImportJob>($"""
            UPDATE import_jobs SET status = CASE WHEN status = 'reverting' THEN status ELSE 'running' END, claimed_by = {instanceId}, claimed_until = {until},
                started_at = COALESCE(started_at, {now}), last_claimed_at = {now}
            WHERE import_job_id = (
                SELECT j.import_job_id FROM import_jobs AS j
                WHERE j.status IN ('queued', 'running', 'reverting') AND (j.claimed_until IS NULL OR j.claimed_until < {now})
                ORDER BY (SELECT max(s.last_claimed_at) FROM import_jobs AS s WHERE s.tenant_id = j.tenant_id), j.import_job_id
                LIMIT 1)
            RETURNING tenant_id, import_job_id
            """).ToListAsync(cancellationToken)).FirstOrDefault();

    public Task BeginBatchAsync(CustomersDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
