using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Customers.Api.Audit;
using Microsoft.Extensions.Options;
using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

/// <summary>
/// Runs import jobs from the <c>import_jobs</c> table. Any number of instances may run it: a job
/// is claimed by one (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), the claim is renewed with every
/// batch, and a claim left by a dead instance is taken over once it expires. Each batch commits
/// its customers, failed rows and the job's progress together, and only while the claim holds.
/// </summary>
public sealed partial class ImportProcessor(
    IServiceScopeFactory scopes,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    SearchIndexMerger merger,
    ILogger<ImportProcessor> logger) : BackgroundService
{
    private const int MaxBatchAttempts = 3;

    /// <summary>This instance's name in claims.</summary>
    public string InstanceId { get; } = NewInstanceId();

    private static string NewInstanceId()
    {
        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return id.Length > 100 ? id[^100..] : id;
    }

    private sealed record ClaimedJob(int TenantId, long ImportJobId);

    // Released by an upload to this instance, so that its job starts at once instead of at the next poll.
    // One look finds every queued job, one after another.
    private readonly WakeSignal wake = new();

    /// <summary>
    /// A job was just queued here: look for it now. Other instances find it when they next poll
    /// (<see cref="ImportOptions.PollInterval"/>).
    /// </summary>
    public void Wake() => wake.Set();

    private async Task IdleAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake.WaitAsync(stop.Token), Task.Delay(options.Value.PollInterval, clock, stop.Token));
        await stop.CancelAsync();
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessJobs)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await ProcessNextAsync(InstanceId, int.MaxValue, stoppingToken))
                {
                    await IdleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoopFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Claims the oldest unfinished job (or one whose claim expired) and works on it for at most
    /// <paramref name="maxBatches"/> batches. Returns false when there was nothing to claim.
    /// </summary>
    public async Task<bool> ProcessNextAsync(string instanceId, int maxBatches, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var claim = await ClaimAsync(db, instanceId, cancellationToken);
        if (claim is null)
        {
            return false;
        }
        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.TenantId == claim.TenantId && j.Id == claim.ImportJobId, cancellationToken);
        LogJobClaimed(logger, job.Id, job.TenantId, job.ProcessedRows);
        try
        {
            await RunAsync(db, job, instanceId, maxBatches, cancellationToken);
        }
        catch (CsvFormatException e)
        {
            await FinishAsync(db, job, instanceId, ImportStatus.Failed, $"The file cannot be read as CSV after row {job.ProcessedRows}: {e.Message}", cancellationToken);
        }
        return true;
    }

    private async Task<ClaimedJob?> ClaimAsync(CustomersDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var until = now + options.Value.ClaimTimeout;
        FormattableString sql;
        if (db.IsPostgres)
        {
            sql = $"""
                UPDATE import_jobs SET status = 'running', claimed_by = {instanceId}, claimed_until = {until}, started_at = COALESCE(started_at, {now})
                WHERE (tenant_id, import_job_id) = (
                    SELECT tenant_id, import_job_id FROM import_jobs
                    WHERE status IN ('queued', 'running') AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY import_job_id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING tenant_id, import_job_id
                """;
        }
        else
        {
            // SQLite has one writer at a time, so the UPDATE alone is the claim.
            sql = $"""
                UPDATE import_jobs SET status = 'running', claimed_by = {instanceId}, claimed_until = {until}, started_at = COALESCE(started_at, {now})
                WHERE import_job_id = (
                    SELECT import_job_id FROM import_jobs
                    WHERE status IN ('queued', 'running') AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY import_job_id LIMIT 1)
                RETURNING tenant_id, import_job_id
                """;
        }
        var claimed = await db.Database.SqlQuery<ClaimedJob>(sql).ToListAsync(cancellationToken);
        return claimed.FirstOrDefault();
    }

    private async Task RunAsync(CustomersDbContext db, ImportJob job, string instanceId, int maxBatches, CancellationToken cancellationToken)
    {
        if (job.ProcessedRows == 0 && job.TotalRows == 0)
        {
            // First pass: count the records, and find a file that cannot be read before anything is written.
            var total = 0;
            await using (var counter = await OpenAsync(job, cancellationToken))
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
                    await FinishAsync(db, job, instanceId, ImportStatus.Failed,
                        $"The file cannot be read as CSV at row {total + 1}: {e.Message} Nothing was imported.", cancellationToken);
                    return;
                }
            }
            job.TotalRows = total;
            if (!await RenewAsync(db, job, instanceId, j => j.SetProperty(x => x.TotalRows, total), cancellationToken))
            {
                return;
            }
        }

        await using var file = await OpenAsync(job, cancellationToken);
        var columns = ImportFile.ReadHeader(file.Reader).Select(h => CustomerCsv.Find(h)!).ToArray();
        for (var skipped = 0; skipped < job.ProcessedRows && await file.Reader.ReadAsync(cancellationToken); skipped++)
        {
            // Rows of batches that committed before a restart.
        }

        // The next batch is read, mapped and validated (CPU only) while the current one is written.
        var lastRow = new StrongBox<int>(job.ProcessedRows);
        Task<PreparedBatch> ReadNext() => Task.Run(() => PrepareBatchAsync(file.Reader, columns, job.TenantId, lastRow, cancellationToken), cancellationToken);
        var next = ReadNext();
        var dryRunRows = job.DryRun ? new DryRunRows() : null;
        try
        {
            for (var batchCount = 0; batchCount < maxBatches; batchCount++)
            {
                var batch = await next;
                if (batch.Rows.Count == 0)
                {
                    await FinishAsync(db, job, instanceId, ImportStatus.Completed, null, cancellationToken);
                    return;
                }
                next = batchCount + 1 < maxBatches ? ReadNext() : Task.FromResult(PreparedBatch.Empty);
                if (!await ProcessBatchAsync(db, job, instanceId, batch, dryRunRows, cancellationToken))
                {
                    LogClaimLost(logger, job.Id);
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
    /// A dry run writes no customer, so a later batch cannot find an earlier batch's rows in the
    /// database as the real run does: it remembers their duplicate keys and usernames instead, as
    /// 64-bit hashes (~30 bytes a row; the chance of a false match in a million rows is ~10⁻⁸).
    /// A dry run resumed after a restart knows only the rows since.
    /// </summary>
    private sealed class DryRunRows
    {
        private readonly Dictionary<ulong, int> rowByDuplicateKey = [];
        private readonly Dictionary<ulong, int> rowByUsername = [];

        public List<BulkCreate.Row> RemoveRepeats(List<BulkCreate.Row> rows, List<BulkCreateError> errors, bool allowDuplicates)
        {
            var kept = new List<BulkCreate.Row>(rows.Count);
            foreach (var row in rows)
            {
                var customer = row.Customer;
                if (!allowDuplicates && rowByDuplicateKey.TryGetValue(Hash(CustomerRules.DuplicateKey(customer.Name, customer.Phone)), out var first))
                {
                    errors.Add(new BulkCreateError(row.Number, customer.Name, $"Duplicate of row {first}", "name"));
                }
                else if (customer.Username is { } username && rowByUsername.TryGetValue(Hash(username), out var holder))
                {
                    errors.Add(new BulkCreateError(row.Number, customer.Name, $"Username '{username}' is already used by row {holder}", "username"));
                }
                else
                {
                    kept.Add(row);
                }
            }
            return kept;
        }

        /// <summary>Called once the batch is through, so that a retried batch does not find itself.</summary>
        public void Remember(List<BulkCreate.Row> rows)
        {
            foreach (var row in rows)
            {
                rowByDuplicateKey.TryAdd(Hash(CustomerRules.DuplicateKey(row.Customer.Name, row.Customer.Phone)), row.Number);
                if (row.Customer.Username is { } username)
                {
                    rowByUsername.TryAdd(Hash(username), row.Number);
                }
            }
        }

        private static ulong Hash(string key) =>
            BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>One batch of file rows, mapped and validated: what can be known without the database.</summary>
    private sealed record PreparedBatch(
        List<(int Row, string[] Cells)> Rows,
        List<(int Row, string Error)> MappingErrors,
        List<BulkCreate.Row> CreateRows,
        List<BulkCreateError> CreateErrors,
        List<(int Row, int Id, JsonElement Fields)> Updates)
    {
        public static readonly PreparedBatch Empty = new([], [], [], [], []);
    }

    private async Task<PreparedBatch> PrepareBatchAsync(
        CsvDataReader reader, CustomerCsv.Column[] columns, int tenantId, StrongBox<int> lastRow, CancellationToken cancellationToken)
    {
        var rows = new List<(int Row, string[] Cells)>(options.Value.BatchSize);
        while (rows.Count < options.Value.BatchSize && await reader.ReadAsync(cancellationToken))
        {
            rows.Add((++lastRow.Value, ImportFile.ReadCells(reader)));
        }
        var errors = new List<(int Row, string Error)>();
        var creates = new List<(int Row, JsonElement Fields)>();
        var updates = new List<(int Row, int Id, JsonElement Fields)>();
        foreach (var (row, cells) in rows)
        {
            var mapped = ImportFile.Map(columns, cells);
            if (mapped.Problem is not null)
            {
                errors.Add((row, mapped.Problem));
            }
            else if (mapped.CustomerId is { } id)
            {
                updates.Add((row, id, mapped.Fields));
            }
            else
            {
                creates.Add((row, mapped.Fields));
            }
        }
        var (createRows, createErrors) = BulkCreate.Validate(tenantId, creates.Select(c => c.Fields).ToList(), creates.Select(c => c.Row).ToList());
        return new PreparedBatch(rows, errors, createRows, createErrors, updates);
    }

    /// <summary>Writes one batch and the job's progress in one transaction. False when the claim was lost (or the job cancelled).</summary>
    private async Task<bool> ProcessBatchAsync(
        CustomersDbContext db, ImportJob job, string instanceId, PreparedBatch batch, DryRunRows? dryRunRows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var errors = batch.MappingErrors.ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (db.IsPostgres)
                {
                    // The commit does not wait for its WAL to reach the disk (~10 ms a batch). Safe
                    // here: the batch's customers and the job's progress commit together, so a
                    // database crash can only lose both, and the job then resumes at the last
                    // batch that did reach the disk. Any later ordinary commit (the job's
                    // completion, another request) flushes the batches before it.
                    await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", cancellationToken);
                }
                var now = clock.UtcNow();
                var create = new BulkCreate(db, clock, job.TenantId, job.CreatedBy);
                var (createRows, createErrors) = await create.CheckAsync(batch.CreateRows, batch.CreateErrors, job.AllowDuplicates, cancellationToken);
                if (dryRunRows is not null)
                {
                    createRows = dryRunRows.RemoveRepeats(createRows, createErrors, job.AllowDuplicates);
                }
                errors.AddRange(createErrors.Select(e => (e.Row, e.Error)));
                var update = new BulkUpdate(db, clock, job.TenantId, job.CreatedBy);
                var updates = batch.Updates;
                var (updatedRows, updateErrors, _) = await update.PrepareAsync(
                    updates.Select(u => u.Fields).ToList(), updates.Select(u => u.Id).ToArray(), updates.Select(u => u.Row).ToList(), cancellationToken);
                errors.AddRange(updateErrors.Select(e => (e.Row, e.Error)));

                if (job.DryRun)
                {
                    db.ChangeTracker.Clear();
                }
                else
                {
                    if (createRows.Count > 0)
                    {
                        await create.WriteAsync(createRows, now, cancellationToken);
                    }
                    if (updatedRows.Count > 0)
                    {
                        await update.WriteAsync(updatedRows, now, cancellationToken);
                    }
                    db.ChangeTracker.Clear();
                }

                var cellsByRow = batch.Rows.ToDictionary(b => b.Row, b => b.Cells);
                db.ImportRowErrors.AddRange(errors.Select(e => new ImportRowError
                {
                    TenantId = job.TenantId,
                    JobId = job.Id,
                    Row = e.Row,
                    Cells = JsonSerializer.Serialize(cellsByRow[e.Row]),
                    Error = e.Error.Length > 2000 ? e.Error[..2000] : e.Error,
                }));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();

                var (created, updated, failed) = (createRows.Count, updatedRows.Count, errors.Count);
                var processed = job.ProcessedRows + batch.Rows.Count;
                if (!await RenewAsync(db, job, instanceId, s => s
                        .SetProperty(j => j.ProcessedRows, processed)
                        .SetProperty(j => j.Created, j => j.Created + created)
                        .SetProperty(j => j.Updated, j => j.Updated + updated)
                        .SetProperty(j => j.Failed, j => j.Failed + failed), cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }
                await transaction.CommitAsync(cancellationToken);
                if (created + updated > 0 && !job.DryRun)
                {
                    // Merged on another connection while the next batch is written, instead of
                    // inside whichever batch fills the pending list: 100,000 rows took 1–13 % less
                    // time in five alternating runs.
                    merger.MergeSoon();
                }
                dryRunRows?.Remember(createRows);
                job.ProcessedRows = processed;
                job.Created += created;
                job.Updated += updated;
                job.Failed += failed;
                return true;
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e) && attempt < MaxBatchAttempts)
            {
                // A concurrent request took a username this batch wanted: run the batch again, which now sees it.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Extends this instance's claim (and applies <paramref name="progress"/>) only while it still owns the running job.</summary>
    private async Task<bool> RenewAsync(
        CustomersDbContext db, ImportJob job, string instanceId,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ImportJob>> progress, CancellationToken cancellationToken)
    {
        var until = clock.UtcNow() + options.Value.ClaimTimeout;
        var rows = await db.ImportJobs
            .Where(j => j.TenantId == job.TenantId && j.Id == job.Id && j.ClaimedBy == instanceId && j.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(j => j.ClaimedUntil, until);
                progress(s);
            }, cancellationToken);
        return rows == 1;
    }

    private async Task FinishAsync(CustomersDbContext db, ImportJob job, string instanceId, string status, string? error, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.ImportJobs
            .Where(j => j.TenantId == job.TenantId && j.Id == job.Id && j.ClaimedBy == instanceId && j.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.ClaimedUntil, (DateTime?)null), cancellationToken);
        if (finished == 1)
        {
            db.AuditEvents.Add(AuditEvent.Create(job.TenantId, job.CreatedBy, AuditActions.Import, [],
                new { import_job_id = job.Id, status, dry_run = job.DryRun, total_rows = job.TotalRows, job.Created, job.Updated, job.Failed }, now));
            await db.SaveChangesAsync(cancellationToken);
            // The file is no longer needed once the job is over; its failed rows stay for the error file.
            await db.ImportChunks.Where(c => c.TenantId == job.TenantId && c.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogJobFinished(logger, job.Id, status, job.Created, job.Updated, job.Failed);
        if (finished == 1 && db.IsPostgres && !job.DryRun && job.Created + job.Updated > 0)
        {
            try
            {
                await TidyAfterImportAsync(db, job.Created + job.Updated, cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
            {
                // Only the indexes' owner may merge them; autovacuum will, later.
                LogMergeRefused(logger, job.Id);
            }
        }
    }

    /// <summary>
    /// Once the job is complete, what autovacuum would do later: merge the rows waiting in each
    /// trigram index's pending list (every search reads that list from end to end), and, after
    /// many rows, refresh the planner's statistics: with a tenant's 100,000 new customers unknown
    /// to them, a search of that tenant took ~300 ms instead of ~20. Only tenant_id's (and the
    /// table's row count): the whole table's, with the search index's expression, took ~0.75 s
    /// of CPU on 450,000 customers here against ~0.2 s; autovacuum refreshes the rest.
    /// </summary>
    private static async Task TidyAfterImportAsync(CustomersDbContext db, int written, CancellationToken cancellationToken)
    {
        await SearchIndexMerger.MergeAsync(db, cancellationToken);
        if (written >= AnalyzeAfterRows)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE customers (tenant_id)", cancellationToken);
        }
    }

    private const int AnalyzeAfterRows = 10_000;

    private sealed class OpenFile(StreamReader text, CsvDataReader reader) : IAsyncDisposable
    {
        public CsvDataReader Reader { get; } = reader;

        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            text.Dispose();
        }
    }

    private async Task<OpenFile> OpenAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var text = new StreamReader(new ChunkReadStream(scopes, job.TenantId, job.Id), ImportFile.StrictUtf8, detectEncodingFromByteOrderMarks: true);
        var reader = await CsvDataReader.CreateAsync(text, ImportFile.ReaderOptions, cancellationToken);
        return new OpenFile(text, reader);
    }

    [LoggerMessage(LogLevel.Information, "Import {JobId} of tenant {TenantId} claimed at row {ProcessedRows}")]
    private static partial void LogJobClaimed(ILogger logger, long jobId, int tenantId, int processedRows);

    [LoggerMessage(LogLevel.Information, "Import {JobId} {Status}: {Created} created, {Updated} updated, {Failed} failed")]
    private static partial void LogJobFinished(ILogger logger, long jobId, string status, int created, int updated, int failed);

    [LoggerMessage(LogLevel.Warning, "Import {JobId}: claim lost or job cancelled; stopping")]
    private static partial void LogClaimLost(ILogger logger, long jobId);

    [LoggerMessage(LogLevel.Information, "Import {JobId}: not allowed to merge the search indexes or analyze customers (not their owner); autovacuum will")]
    private static partial void LogMergeRefused(ILogger logger, long jobId);

    [LoggerMessage(LogLevel.Error, "The import processor loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
