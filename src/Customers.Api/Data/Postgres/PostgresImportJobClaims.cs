namespace Customers.Api.Data.Postgres;

public sealed class PostgresImportJobClaims : IImportJobClaims
{
    /// <summary>
    /// The claimable job of the tenant served longest ago (oldest job first within a tenant);
    /// <c>FOR UPDATE SKIP LOCKED</c>: instances claiming at once each get a different job.
    /// </summary>
    public async Task<ClaimedImportJob?> ClaimAsync(CustomersDbContext db, string instanceId, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<ClaimedImportJob>($"""
            UPDATE import_jobs SET status = CASE WHEN status = 'reverting' THEN status ELSE 'running' END, claimed_by = {instanceId}, claimed_until = {until},
                started_at = COALESCE(started_at, {now}), last_claimed_at = {now}
            WHERE (tenant_id, import_job_id) = (
                SELECT j.tenant_id, j.import_job_id FROM import_jobs AS j
                WHERE j.status IN ('queued', 'running', 'reverting') AND (j.claimed_until IS NULL OR j.claimed_until < {now})
                ORDER BY (SELECT max(s.last_claimed_at) FROM import_jobs AS s WHERE s.tenant_id = j.tenant_id) NULLS FIRST, j.import_job_id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING tenant_id, import_job_id
            """).ToListAsync(cancellationToken)).FirstOrDefault();

    /// <summary>
    /// The batch's commit does not wait for its WAL to reach the disk. Safe: the
    /// batch's customers and the job's progress commit together, so a crash loses both and the
    /// job resumes there. docs/adr/20261130-synchronous-commit-off-per-import-batch.md
    /// </summary>
    public Task BeginBatchAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", cancellationToken);
}
