using Microsoft.EntityFrameworkCore.Query;

namespace Customers.Api.Customers.Import;

/// <summary>
/// This instance's hold on a running job. It is renewed with every batch, and the job's progress
/// and its end are written only while it holds: a job whose instance died is taken over once the
/// claim expires (<see cref="ImportOptions.ClaimTimeout"/>), and a cancelled job stops.
/// </summary>
public sealed class ImportClaim(ImportJob job, string instanceId, TimeSpan timeout, TimeProvider clock)
{
    public ImportJob Job => job;

    /// <summary>Extends the claim and applies <paramref name="progress"/>; false when the claim was lost (or the job cancelled).</summary>
    public async Task<bool> RenewAsync(CustomersDbContext db, Action<UpdateSettersBuilder<ImportJob>> progress, CancellationToken cancellationToken)
    {
        var until = clock.UtcNow() + timeout;
        var rows = await Held(db).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.ClaimedUntil, until);
            progress(s);
        }, cancellationToken);
        return rows == 1;
    }

    /// <summary>
    /// Ends the job with <paramref name="status"/>, its audit event, and the stored file deleted
    /// (its failed rows stay for the error file), if the claim still holds. True when it did.
    /// </summary>
    public async Task<bool> FinishAsync(CustomersDbContext db, string status, string? error, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await Held(db).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.ClaimedUntil, (DateTime?)null), cancellationToken);
        if (finished == 1)
        {
            db.AuditEvents.Add(AuditEvent.Create(job.TenantId, job.CreatedBy, AuditActions.Import, [],
                new { import_job_id = job.Id, status, dry_run = job.DryRun, total_rows = job.TotalRows, job.Created, job.Updated, job.Failed }, now));
            await db.SaveChangesAsync(cancellationToken);
            // A completed dry run keeps its file so that it can be run for real without a second
            // upload (§8); the purger deletes it after DataRetention:DryRunFiles.
            if (!(job.DryRun && status == ImportStatus.Completed))
            {
                await db.ImportChunks.Where(c => c.TenantId == job.TenantId && c.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return finished == 1;
    }

    /// <summary>
    /// Gives the job up without finishing it: any instance may claim it again from
    /// <paramref name="notBefore"/> on (now, to give way to another tenant; later, after a failure).
    /// </summary>
    public async Task ReleaseAsync(CustomersDbContext db, DateTime notBefore, CancellationToken cancellationToken) =>
        await Held(db).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.ClaimedBy, (string?)null)
            .SetProperty(j => j.ClaimedUntil, notBefore), cancellationToken);

    /// <summary>Ends a revert that undid every part, with the customers it left as changed since, if the claim still holds. True when it did.</summary>
    public async Task<bool> MarkRevertedAsync(CustomersDbContext db, DateTime now, IReadOnlyCollection<int> skippedIds, CancellationToken cancellationToken) =>
        await Held(db).Where(j => j.Status == ImportStatus.Reverting).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ImportStatus.Reverted)
            .SetProperty(j => j.RevertedAt, now)
            .SetProperty(j => j.RevertedSkipped, skippedIds.Count)
            .SetProperty(j => j.RevertedSkippedIds, JsonSerializer.Serialize(skippedIds))
            .SetProperty(j => j.ClaimedBy, (string?)null)
            .SetProperty(j => j.ClaimedUntil, (DateTime?)null), cancellationToken) == 1;

    /// <summary>Ends a revert that keeps failing: the job is a completed import again, with the reason, until asked again.</summary>
    public async Task GiveUpRevertAsync(CustomersDbContext db, string error, CancellationToken cancellationToken) =>
        await Held(db).Where(j => j.Status == ImportStatus.Reverting).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ImportStatus.Completed)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.ClaimedBy, (string?)null)
            .SetProperty(j => j.ClaimedUntil, (DateTime?)null), cancellationToken);

    /// <summary>Counts a run that ended in an unexpected error; returns the failures since the last committed batch.</summary>
    public async Task<int> CountFailureAsync(CustomersDbContext db, CancellationToken cancellationToken)
    {
        await Held(db).ExecuteUpdateAsync(s => s.SetProperty(j => j.FailedAttempts, j => j.FailedAttempts + 1), cancellationToken);
        return await db.ImportJobs.Where(j => j.TenantId == job.TenantId && j.Id == job.Id).Select(j => j.FailedAttempts).SingleAsync(cancellationToken);
    }

    private IQueryable<ImportJob> Held(CustomersDbContext db) =>
        db.ImportJobs.Where(j => j.TenantId == job.TenantId && j.Id == job.Id && j.ClaimedBy == instanceId
            && (j.Status == ImportStatus.Running || j.Status == ImportStatus.Reverting));
}
