using Microsoft.Extensions.Options;

namespace Customers.Api.Hosting;

/// <summary>
/// Deletes what the service keeps only for a while: failed-login counts a day after the last
/// failure, Idempotency-Key answers after their 24 hours, failed import rows after
/// <see cref="DataRetentionOptions.ImportErrorRows"/>, what a revert needs once the job is past its 30 days or reverted, and the stored files of jobs that ended
/// without deleting them. Deletes only, so any number of
/// instances may run it at once.
/// </summary>
public sealed partial class DataPurger(
    IServiceScopeFactory scopes, IOptions<DataRetentionOptions> options, TimeProvider clock, ILogger<DataPurger> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.Purge ? Task.CompletedTask : BackgroundLoop.RunAsync(async stopping =>
        {
            await PurgeAsync(stopping);
            await Task.Delay(options.Value.PurgeEvery, clock, stopping);
            return true;
        }, async (e, stopping) =>
        {
            LogPurgeFailed(logger, e);
            await Task.Delay(options.Value.PurgeEvery, clock, stopping);
        }, stoppingToken);

    /// <summary>A client's failed logins of an account are forgotten a day after the last one.</summary>
    public static readonly TimeSpan LoginThrottleRetention = TimeSpan.FromDays(1);

    /// <summary>Deletes everything past its time now; returns how many rows went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var now = clock.UtcNow();
        var answersBefore = now - IdempotencyMiddleware.Retention;
        var errorRowsBefore = now - options.Value.ImportErrorRows;
        var finished = new[] { ImportStatus.Completed, ImportStatus.Failed, ImportStatus.Cancelled, ImportStatus.Reverted };

        var throttlesBefore = now - LoginThrottleRetention;
        var deleted = await db.LoginThrottles.Where(t => t.LastFailedAt < throttlesBefore && !(t.BlockedUntil > now)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.IdempotencyRecords.Where(r => r.CreatedAt < answersBefore).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.ImportRowErrors
            .Where(e => db.ImportJobs.Any(j => j.TenantId == e.TenantId && j.Id == e.JobId && j.FinishedAt != null && j.FinishedAt < errorRowsBefore))
            .ExecuteDeleteAsync(cancellationToken);
        var dryRunsBefore = now - options.Value.DryRunFiles;
        deleted += await db.ImportChunks
            .Where(c => db.ImportJobs.Any(j => j.TenantId == c.TenantId && j.Id == c.JobId && finished.Contains(j.Status)
                && !(j.DryRun && j.Status == ImportStatus.Completed && j.FinishedAt > dryRunsBefore)))
            .ExecuteDeleteAsync(cancellationToken);
        // What a revert needs, once the job can no longer be reverted (not while a revert, asked
        // for within the window, is still at work on it).
        var revertibleAfter = now - ImportRevert.Window;
        var revertOver = db.ImportJobs.Where(j => j.Status != ImportStatus.Reverting && (j.FinishedAt < revertibleAfter || j.RevertedAt != null));
        deleted += await db.ImportCreatedBatches
            .Where(b => revertOver.Any(j => j.TenantId == b.TenantId && j.Id == b.JobId))
            .ExecuteDeleteAsync(cancellationToken);
        deleted += await db.ImportUpdatedRows
            .Where(r => revertOver.Any(j => j.TenantId == r.TenantId && j.Id == r.JobId))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPurged(logger, deleted);
        }
        return deleted;
    }

    [LoggerMessage(LogLevel.Information, "Purged {Rows} row(s) past their retention")]
    private static partial void LogPurged(ILogger logger, int rows);

    [LoggerMessage(LogLevel.Warning, "Purging rows past their retention failed; trying again later")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
