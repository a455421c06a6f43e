using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

/// <summary>
/// Runs import jobs from the <c>import_jobs</c> table. Any number of instances may run it: a job
/// is claimed by one (<see cref="IImportJobClaims"/>), the claim is renewed with every batch, and a
/// claim left by a dead instance is taken over once it expires (<see cref="ImportClaim"/>). Each
/// batch commits its customers, failed rows and the job's progress together (<see cref="ImportBatchWriter"/>).
/// </summary>
public sealed partial class ImportProcessor(
    IServiceScopeFactory scopes,
    IOptions<ImportOptions> options,
    IImportJobClaims claims,
    ImportBatchWriter batchWriter,
    ICustomerSearch search,
    TimeProvider clock,
    CustomersMetrics metrics,
    ILogger<ImportProcessor> logger) : BackgroundService
{
    /// <summary>This instance's name in claims.</summary>
    public string InstanceId { get; } = NewInstanceId();

    private static string NewInstanceId()
    {
        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return id.Length > 100 ? id[^100..] : id;
    }

    // Set by an upload to this instance, so that its job starts at once instead of at the next poll.
    // One look finds every queued job, one after another.
    private readonly WakeSignal wake = new();

    /// <summary>
    /// A job was just queued here: look for it now. Other instances find it when they next poll
    /// (<see cref="ImportOptions.PollInterval"/>).
    /// </summary>
    public void Wake() => wake.Set();

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.ProcessJobs ? Task.CompletedTask : BackgroundLoop.RunAsync(async stopping =>
        {
            if (!await ProcessNextAsync(InstanceId, int.MaxValue, stopping))
            {
                await IdleAsync(stopping);
            }
            return true;
        }, async (e, stopping) =>
        {
            LogLoopFailed(logger, e);
            await Task.Delay(options.Value.PollInterval, clock, stopping);
        }, stoppingToken);

    private async Task IdleAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake.WaitAsync(stop.Token), Task.Delay(options.Value.PollInterval, clock, stop.Token));
        await stop.CancelAsync();
    }

    /// <summary>
    /// Claims the oldest unfinished job (or one whose claim expired) and works on it for at most
    /// <paramref name="maxBatches"/> batches. Returns false when there was nothing to claim.
    /// </summary>
    public async Task<bool> ProcessNextAsync(string instanceId, int maxBatches, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var now = clock.UtcNow();
        var claimed = await claims.ClaimAsync(db, instanceId, now, now + options.Value.ClaimTimeout, cancellationToken);
        if (claimed is null)
        {
            return false;
        }
        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.TenantId == claimed.TenantId && j.Id == claimed.ImportJobId, cancellationToken);
        LogJobClaimed(logger, job.Id, job.TenantId, job.ProcessedRows);
        var claim = new ImportClaim(job, instanceId, options.Value.ClaimTimeout, clock);
        try
        {
            if (job.Status == ImportStatus.Reverting)
            {
                await RevertAsync(scope.ServiceProvider, db, claim, maxBatches, cancellationToken);
            }
            else
            {
                await RunAsync(db, claim, maxBatches, cancellationToken);
            }
        }
        catch (CsvFormatException e)
        {
            await FinishAsync(db, claim, ImportStatus.Failed, $"The file cannot be read as CSV after row {job.ProcessedRows}: {e.Message}", cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This instance is stopping (SIGTERM): its unfinished batch rolled back; hand the job
            // over now, so that another instance resumes it at its next poll instead of after the claim runs out.
            await HandOverAsync(db, claim);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await FailAttemptAsync(db, claim, e, cancellationToken);
        }
        return true;
    }

    private async Task HandOverAsync(CustomersDbContext db, ImportClaim claim)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            db.ChangeTracker.Clear();
            await claim.ReleaseAsync(db, clock.UtcNow(), deadline.Token);
            LogJobHandedOver(logger, claim.Job.Id, claim.Job.ProcessedRows);
        }
        catch (Exception e) when (e is OperationCanceledException or DbException or InvalidOperationException)
        {
            // The claim then runs out as it would after a crash.
            LogHandOverFailed(logger, claim.Job.Id, e.GetType().Name);
        }
    }

    /// <summary>
    /// A run that ended in an unexpected error gives the job up for a while (longer after each
    /// failure), so that it neither holds its claim nor blocks other jobs; after
    /// <see cref="ImportOptions.MaxFailedAttempts"/> failures in a row the job fails with the reason.
    /// </summary>
    private async Task FailAttemptAsync(CustomersDbContext db, ImportClaim claim, Exception exception, CancellationToken cancellationToken)
    {
        var job = claim.Job;
        // Only the exception's type: database errors can quote the row's values.
        LogRunFailed(logger, job.Id, job.ProcessedRows, exception.GetType().Name);
        db.ChangeTracker.Clear();
        var failures = await claim.CountFailureAsync(db, cancellationToken);
        if (failures >= options.Value.MaxFailedAttempts && job.Status == ImportStatus.Reverting)
        {
            // The import itself stays completed; what was reverted stays reverted, and asking again resumes.
            await claim.GiveUpRevertAsync(db,
                $"The revert stopped on an unexpected error {failures} times ({exception.GetType().Name}); what it undid stays undone. " +
                $"Revert the import again to finish, or report import {job.Id} to support.", cancellationToken);
            return;
        }
        if (failures >= options.Value.MaxFailedAttempts)
        {
            await FinishAsync(db, claim, ImportStatus.Failed,
                $"The import stopped on an unexpected error {failures} times after row {job.ProcessedRows} ({exception.GetType().Name}). " +
                $"Rows up to {job.ProcessedRows} were imported; upload the rest again, or report import {job.Id} to support.", cancellationToken);
            return;
        }
        await claim.ReleaseAsync(db, clock.UtcNow() + options.Value.RetryDelay * failures, cancellationToken);
    }

    private async Task RunAsync(CustomersDbContext db, ImportClaim claim, int maxBatches, CancellationToken cancellationToken)
    {
        var job = claim.Job;
        if (job.ProcessedRows == 0 && job.TotalRows == 0 && !await CountRowsAsync(db, claim, cancellationToken))
        {
            return;
        }

        await using var file = await StoredImportFile.OpenAsync(scopes, job, cancellationToken);
        var mapping = job.Mapping is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(job.Mapping);
        var columns = ImportColumns.Resolve(ImportFile.ReadHeader(file.Reader), mapping, out var headerProblem)?.Columns
            ?? throw new InvalidOperationException($"The stored file's header no longer resolves: {headerProblem}");
        for (var skipped = 0; skipped < job.ProcessedRows && await file.Reader.ReadAsync(cancellationToken); skipped++)
        {
            // Rows of batches that committed before a restart.
        }

        // The next batch is read, mapped and validated (CPU only) while the current one is written.
        var lastRow = new StrongBox<int>(job.ProcessedRows);
        Task<ImportBatch> ReadNext() => Task.Run(
            () => ImportBatch.ReadAsync(file.Reader, columns, job.TenantId, lastRow, options.Value.BatchSize, cancellationToken), cancellationToken);
        var next = ReadNext();
        var dryRunRows = job.DryRun ? new DryRunRows() : null;
        try
        {
            for (var batchCount = 1; batchCount <= maxBatches; batchCount++)
            {
                var batch = await next;
                if (batch.Rows.Count == 0)
                {
                    await FinishAsync(db, claim, ImportStatus.Completed, null, cancellationToken);
                    return;
                }
                next = batchCount < maxBatches ? ReadNext() : Task.FromResult(ImportBatch.Empty);
                if (!await batchWriter.WriteAsync(db, claim, batch, dryRunRows, cancellationToken))
                {
                    LogClaimLost(logger, job.Id);
                    return;
                }
                if (batchCount % options.Value.BatchesPerTurn == 0 && await OtherTenantWaitsAsync(db, job.TenantId, cancellationToken))
                {
                    // The tenant served longest ago goes next; this job resumes at its next row.
                    await claim.ReleaseAsync(db, clock.UtcNow(), cancellationToken);
                    return;
                }
            }
        }
        finally
        {
            // Never close the file under a read still running; its outcome no longer matters here.
            await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Undoes a completed import whose revert was asked for (§8), part by part, as the claim holds,
    /// for at most <paramref name="maxParts"/> parts; like an import, it gives way to another
    /// tenant's waiting job after each turn.
    /// </summary>
    private async Task RevertAsync(IServiceProvider services, CustomersDbContext db, ImportClaim claim, int maxParts, CancellationToken cancellationToken)
    {
        var revert = new ImportRevert(db, services.GetRequiredService<ICustomerStateChanger>(), clock);
        for (var left = maxParts; left > 0;)
        {
            var turn = Math.Min(options.Value.BatchesPerTurn, left);
            left -= turn;
            switch (await revert.RunAsync(claim, turn, cancellationToken))
            {
                case ImportRevert.Outcome.Reverted:
                    LogJobReverted(logger, claim.Job.Id);
                    return;
                case ImportRevert.Outcome.ClaimLost:
                    LogClaimLost(logger, claim.Job.Id);
                    return;
            }
            if (await OtherTenantWaitsAsync(db, claim.Job.TenantId, cancellationToken))
            {
                await claim.ReleaseAsync(db, clock.UtcNow(), cancellationToken);
                return;
            }
        }
    }

    private async Task<bool> OtherTenantWaitsAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        return await db.ImportJobs.AnyAsync(j => j.TenantId != tenantId
            && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running || j.Status == ImportStatus.Reverting)
            && (j.ClaimedUntil == null || j.ClaimedUntil < now), cancellationToken);
    }

    /// <summary>First pass: counts the records, and fails a file that cannot be read before anything is written.</summary>
    private async Task<bool> CountRowsAsync(CustomersDbContext db, ImportClaim claim, CancellationToken cancellationToken)
    {
        var total = 0;
        await using (var counter = await StoredImportFile.OpenAsync(scopes, claim.Job, cancellationToken))
        {
            try
            {
                while (await counter.Reader.ReadAsync(cancellationToken))
                {
                    total++;
                }
            }
            catch (CsvFormatException e)
            {
                await FinishAsync(db, claim, ImportStatus.Failed,
                    $"The file cannot be read as CSV at row {total + 1}: {e.Message} Nothing was imported.", cancellationToken);
                return false;
            }
        }
        claim.Job.TotalRows = total;
        return await claim.RenewAsync(db, j => j.SetProperty(x => x.TotalRows, total), cancellationToken);
    }

    private async Task FinishAsync(CustomersDbContext db, ImportClaim claim, string status, string? error, CancellationToken cancellationToken)
    {
        var job = claim.Job;
        var finished = await claim.FinishAsync(db, status, error, cancellationToken);
        LogJobFinished(logger, job.Id, status, job.Created, job.Updated, job.Failed);
        if (finished && job.StartedAt is { } started)
        {
            metrics.ImportJobFinished(status, clock.UtcNow() - started);
        }
        // What autovacuum would do later, now that the rows are in: every search reads the index's pending entries.
        if (finished && !job.DryRun && job.Created + job.Updated > 0
            && !await search.TidyAfterImportAsync(db, job.Created + job.Updated, cancellationToken))
        {
            LogTidyRefused(logger, job.Id);
        }
    }

    [LoggerMessage(LogLevel.Information, "Import {JobId} of tenant {TenantId} claimed at row {ProcessedRows}")]
    private static partial void LogJobClaimed(ILogger logger, long jobId, int tenantId, int processedRows);

    [LoggerMessage(LogLevel.Information, "Import {JobId} {Status}: {Created} created, {Updated} updated, {Failed} failed")]
    private static partial void LogJobFinished(ILogger logger, long jobId, string status, int created, int updated, int failed);

    [LoggerMessage(LogLevel.Information, "Import {JobId} reverted")]
    private static partial void LogJobReverted(ILogger logger, long jobId);

    [LoggerMessage(LogLevel.Warning, "Import {JobId}: claim lost or job cancelled; stopping")]
    private static partial void LogClaimLost(ILogger logger, long jobId);

    [LoggerMessage(LogLevel.Information, "Import {JobId}: not allowed to merge the search indexes or analyze customers (not their owner); autovacuum will")]
    private static partial void LogTidyRefused(ILogger logger, long jobId);

    [LoggerMessage(LogLevel.Information, "Import {JobId} handed over at row {ProcessedRows}: this instance is stopping")]
    private static partial void LogJobHandedOver(ILogger logger, long jobId, int processedRows);

    [LoggerMessage(LogLevel.Warning, "Import {JobId} could not be handed over while stopping ({ExceptionType}): its claim runs out instead")]
    private static partial void LogHandOverFailed(ILogger logger, long jobId, string exceptionType);

    [LoggerMessage(LogLevel.Error, "Import {JobId}: the run after row {ProcessedRows} ended in an unexpected {ExceptionType}")]
    private static partial void LogRunFailed(ILogger logger, long jobId, int processedRows, string exceptionType);

    [LoggerMessage(LogLevel.Error, "The import processor loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
