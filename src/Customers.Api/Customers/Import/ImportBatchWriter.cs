namespace Customers.Api.Customers.Import;

/// <summary>
/// Writes one batch of an import: its creates and updates (checked against the database as bulk
/// requests are), its failed rows and the job's progress, in one transaction that commits only
/// while the claim holds.
/// </summary>
public sealed class ImportBatchWriter(ICustomerBulkWriter writer, IImportJobClaims claims, TimeProvider clock, SearchIndexMerger merger, CustomersMetrics metrics)
{
    private const int MaxAttempts = 3;

    /// <summary>False when the claim was lost (or the job cancelled): nothing of the batch is kept.</summary>
    public async Task<bool> WriteAsync(
        CustomersDbContext db, ImportClaim claim, ImportBatch batch, DryRunRows? dryRunRows, CancellationToken cancellationToken)
    {
        var job = claim.Job;
        for (var attempt = 1; ; attempt++)
        {
            var errors = batch.MappingErrors.ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await claims.BeginBatchAsync(db, cancellationToken);
                var now = clock.UtcNow();
                var create = new BulkCreate(db, writer, clock, job.TenantId, job.CreatedBy);
                var (createRows, createErrors) = await create.CheckAsync(batch.CreateRows, batch.CreateErrors, job.AllowDuplicates, cancellationToken);
                if (dryRunRows is not null)
                {
                    createRows = dryRunRows.RemoveRepeats(createRows, createErrors, job.AllowDuplicates);
                }
                errors.AddRange(createErrors.Select(e => (e.Row, e.Error)));
                var update = new BulkUpdate(db, writer, clock, job.TenantId, job.CreatedBy);
                var updates = batch.Updates;
                var (updatedRows, updateErrors, _) = await update.PrepareAsync(
                    updates.Select(u => u.Fields).ToList(), updates.Select(u => u.Id).ToArray(), updates.Select(u => u.Row).ToList(), cancellationToken, everyProblem: true);
                errors.AddRange(updateErrors.Select(e => (e.Row, e.Error)));

                var revertible = new List<object>();
                if (!job.DryRun)
                {
                    // Read before any write (the creates' save may write the tracked updates too):
                    // the values as loaded are what a revert puts back.
                    revertible.AddRange(updatedRows.Select(u => ImportRevert.Updated(job, u.Row, db.Entry(u.Customer), u.Fields, now)));
                    if (createRows.Count > 0)
                    {
                        await create.WriteAsync(createRows, now, cancellationToken);
                        revertible.Add(ImportRevert.Created(job, batch.Rows[0].Row, createRows.Select(r => r.Customer.Id), now));
                    }
                    if (updatedRows.Count > 0)
                    {
                        await update.WriteAsync(updatedRows, now, cancellationToken);
                    }
                }
                db.ChangeTracker.Clear();
                db.AddRange(revertible);

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
                if (!await claim.RenewAsync(db, s => s
                        .SetProperty(j => j.ProcessedRows, processed)
                        .SetProperty(j => j.FailedAttempts, 0)
                        .SetProperty(j => j.Created, j => j.Created + created)
                        .SetProperty(j => j.Updated, j => j.Updated + updated)
                        .SetProperty(j => j.Failed, j => j.Failed + failed), cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }
                await transaction.CommitAsync(cancellationToken);
                metrics.ImportRows(created, updated, failed, job.DryRun);
                if (created + updated > 0 && !job.DryRun)
                {
                    // Merged on another connection while the next batch is written, instead of
                    // inside whichever batch fills the pending list.
                    merger.MergeSoon();
                }
                dryRunRows?.Remember(createRows);
                job.ProcessedRows = processed;
                job.Created += created;
                job.Updated += updated;
                job.Failed += failed;
                return true;
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e) && attempt < MaxAttempts)
            {
                // A concurrent request took a username this batch wanted: run the batch again, which now sees it.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
