using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Customers.Api.Customers.Import;

/// <summary>
/// Undoing a completed import (§8): the customers it created are soft-deleted and the fields it
/// updated get their old values back, except for customers changed after the import (their
/// <c>updated_at</c> is no longer the import's), which are left as they are and reported.
/// Works through what the import recorded: each batch of created customers in one statement
/// (<see cref="ICustomerStateChanger"/>, as a bulk delete), updated customers 500 per transaction
/// (<see cref="ImportUpdatedRow"/>). It runs in the import processor, on a job claimed like an
/// import (status <see cref="ImportStatus.Reverting"/>). Each part is also claimed by marking it
/// reverted in its own transaction, so a revert cut short resumes where it stopped (on whichever
/// instance claims the job next), and two at once never undo the same part twice.
/// </summary>
public sealed class ImportRevert(CustomersDbContext db, ICustomerStateChanger changer, TimeProvider clock)
{
    /// <summary>How long after it finished a job can be reverted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private const int ChunkSize = 500;
    private const int MaxAttempts = 3;

    private static readonly JsonSerializerOptions FieldJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static ImportCreatedBatch Created(ImportJob job, int firstRow, IEnumerable<int> customerIds, DateTime now) => new()
    {
        TenantId = job.TenantId,
        JobId = job.Id,
        FirstRow = firstRow,
        CustomerIds = JsonSerializer.Serialize(customerIds),
        WrittenAt = now,
    };

    /// <summary>The fields an import row is about to change, as they are stored (the entry's loaded values).</summary>
    public static ImportUpdatedRow Updated(ImportJob job, int row, EntityEntry<Customer> entry, IReadOnlySet<string> fields, DateTime now)
    {
        var loaded = JsonSerializer.SerializeToNode(((Customer)entry.OriginalValues.ToObject()).AsResponse(), FieldJson)!.AsObject();
        var before = new JsonObject();
        foreach (var field in fields.Order(StringComparer.Ordinal))
        {
            before[field] = loaded[field]?.DeepClone();
        }
        return new ImportUpdatedRow
        {
            TenantId = job.TenantId,
            JobId = job.Id,
            Row = row,
            CustomerId = entry.Entity.Id,
            Before = before.ToJsonString(),
            WrittenAt = now,
        };
    }

    /// <summary>Why the job cannot be reverted, or null.</summary>
    public static string? Refusal(ImportJob job, DateTime now) => job switch
    {
        { Status: ImportStatus.Reverted } => $"Import {job.Id} was already reverted",
        { Status: ImportStatus.Reverting } => $"Import {job.Id} is being reverted",
        { DryRun: true } => $"Import {job.Id} is a dry run: it changed nothing to revert",
        { Status: not ImportStatus.Completed } => $"Import {job.Id} is {job.Status}: only a completed import can be reverted",
        { FinishedAt: { } finished } when finished < now - Window => $"Import {job.Id} finished more than {Window.TotalDays} days ago: it can no longer be reverted",
        _ => null,
    };

    public enum Outcome
    {
        /// <summary>Every part reverted and the job marked reverted.</summary>
        Reverted,

        /// <summary>Stopped after the parts it was allowed; the claim still holds.</summary>
        Paused,

        /// <summary>The claim was lost: whoever holds it now goes on.</summary>
        ClaimLost,
    }

    /// <summary>
    /// Reverts up to <paramref name="maxParts"/> parts not yet reverted, renewing the claim on the
    /// job (status <see cref="ImportStatus.Reverting"/>) after each; when none is left, marks the
    /// job reverted with one audit event.
    /// </summary>
    public async Task<Outcome> RunAsync(ImportClaim claim, int maxParts, CancellationToken cancellationToken)
    {
        var job = claim.Job;
        for (var parts = 0; ; parts++)
        {
            if (parts == maxParts)
            {
                return Outcome.Paused;
            }
            if (!await RevertCreatedAsync(job, cancellationToken) && !await RevertUpdatedAsync(job, cancellationToken))
            {
                break;
            }
            if (!await claim.RenewAsync(db, _ => { }, cancellationToken))
            {
                return Outcome.ClaimLost;
            }
        }

        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var skippedIds = (await db.ImportCreatedBatches.AsNoTracking()
                .Where(b => b.TenantId == job.TenantId && b.JobId == job.Id && b.SkippedIds != null)
                .Select(b => b.SkippedIds!)
                .ToListAsync(cancellationToken))
            .SelectMany(ids => JsonSerializer.Deserialize<int[]>(ids) ?? [])
            .Concat(await db.ImportUpdatedRows.AsNoTracking()
                .Where(r => r.TenantId == job.TenantId && r.JobId == job.Id && r.Skipped)
                .Select(r => r.CustomerId)
                .ToListAsync(cancellationToken))
            .Distinct()
            .Order()
            .ToList();
        var finished = await claim.MarkRevertedAsync(db, now, skippedIds, cancellationToken);
        if (finished)
        {
            var reverted = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.TenantId == job.TenantId && j.Id == job.Id, cancellationToken);
            db.AuditEvents.Add(AuditEvent.Create(job.TenantId, job.RevertedBy, AuditActions.ImportRevert, [],
                new { import_job_id = job.Id, deleted = reverted.RevertedDeleted, restored = reverted.RevertedRestored, skipped = skippedIds.Count }, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return finished ? Outcome.Reverted : Outcome.ClaimLost;
    }

    /// <summary>Soft-deletes one batch's created customers that are as the import left them, in one statement. False when none is left.</summary>
    private async Task<bool> RevertCreatedAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var block = await db.ImportCreatedBatches.AsNoTracking()
            .Where(b => b.TenantId == job.TenantId && b.JobId == job.Id && !b.Reverted)
            .OrderBy(b => b.FirstRow)
            .FirstOrDefaultAsync(cancellationToken);
        if (block is null)
        {
            return false;
        }
        var ids = JsonSerializer.Deserialize<int[]>(block.CustomerIds) ?? [];
        var change = new CustomerStateChange(CustomerStateChangeKind.Delete, job.TenantId, job.RevertedBy, ids, clock.UtcNow()) { OnlyIfUpdatedAt = block.WrittenAt };
        try
        {
            await changer.ChangeAsync(db, change, async rows =>
            {
                var deletedIds = rows.Select(r => r.Id).ToHashSet();
                var skipped = ids.Where(id => !deletedIds.Contains(id)).ToList();
                // The claim: another revert of the same job that got here first leaves nothing to update.
                var claimed = await db.ImportCreatedBatches
                    .Where(b => b.TenantId == block.TenantId && b.JobId == block.JobId && b.FirstRow == block.FirstRow && !b.Reverted)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(b => b.Reverted, true)
                        .SetProperty(b => b.SkippedIds, skipped.Count == 0 ? null : JsonSerializer.Serialize(skipped)), cancellationToken);
                if (claimed == 0)
                {
                    throw new PartTakenException();
                }
                await db.ImportJobs.Where(j => j.TenantId == job.TenantId && j.Id == job.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.RevertedDeleted, j => j.RevertedDeleted + rows.Count), cancellationToken);
                // One audit event for the whole revert, written when it ends.
                return (BulkStateChange.CounterChanges(change, rows), null);
            }, cancellationToken);
        }
        catch (PartTakenException)
        {
            // Rolled back: the other revert deletes this batch's customers.
        }
        return true;
    }

    private sealed class PartTakenException : Exception;

    /// <summary>Puts back the old values for up to 500 updated customers. False when none is left.</summary>
    private async Task<bool> RevertUpdatedAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var customerIds = await db.ImportUpdatedRows.AsNoTracking()
            .Where(r => r.TenantId == job.TenantId && r.JobId == job.Id && !r.Reverted)
            .Select(r => r.CustomerId)
            .Distinct()
            .OrderBy(id => id)
            .Take(ChunkSize)
            .ToListAsync(cancellationToken);
        if (customerIds.Count == 0)
        {
            return false;
        }
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (!await RestoreFieldsAsync(job, customerIds, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return true;
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return true;
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e) && attempt < MaxAttempts)
            {
                // Someone took an old username between the check and the save: the next pass sees it and skips that customer.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    // False when another revert claimed some of these rows first.
    private async Task<bool> RestoreFieldsAsync(ImportJob job, List<int> customerIds, CancellationToken cancellationToken)
    {
        var rows = await db.ImportUpdatedRows.AsNoTracking()
            .Where(r => r.TenantId == job.TenantId && r.JobId == job.Id && !r.Reverted && customerIds.Contains(r.CustomerId))
            .OrderBy(r => r.Row)
            .ToListAsync(cancellationToken);
        // The claim: rows another revert of the same job marked first are not ours. Their old values,
        // read above, are not needed any more: notes and phones are not kept longer than they must be.
        // One statement for the part (row by row, the planner could pick the customer index and read
        // the tenant's every row for each: 2.3 s a part instead of 0.2).
        var claimed = await db.ImportUpdatedRows
            .Where(r => r.TenantId == job.TenantId && r.JobId == job.Id && !r.Reverted && customerIds.Contains(r.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reverted, true).SetProperty(r => r.Before, (string?)null), cancellationToken);
        if (claimed != rows.Count)
        {
            return false;
        }
        var customers = await db.Customers
            .Where(c => c.TenantId == job.TenantId && c.IsActive && customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = clock.UtcNow();
        var restored = 0;
        var skipped = new List<int>();
        foreach (var group in rows.GroupBy(r => r.CustomerId))
        {
            var ok = customers.TryGetValue(group.Key, out var customer)
                && customer.UpdatedAt == group.Max(r => r.WrittenAt)
                && await TryRestoreAsync(customer, group, cancellationToken);
            if (ok)
            {
                customer!.UpdatedAt = now;
                restored++;
            }
            else
            {
                skipped.Add(group.Key);
            }
        }
        if (skipped.Count > 0)
        {
            await db.ImportUpdatedRows
                .Where(r => r.TenantId == job.TenantId && r.JobId == job.Id && skipped.Contains(r.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Skipped, true), cancellationToken);
        }
        await db.ImportJobs.Where(j => j.TenantId == job.TenantId && j.Id == job.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.RevertedRestored, j => j.RevertedRestored + restored), cancellationToken);
        return true;
    }

    /// <summary>Applies the oldest value of each field the import changed; false when the rules refuse them now (e.g. the old username is taken).</summary>
    private async Task<bool> TryRestoreAsync(Customer customer, IEnumerable<ImportUpdatedRow> rows, CancellationToken cancellationToken)
    {
        var before = new JsonObject();
        foreach (var row in rows)
        {
            if (row.Before is null || JsonNode.Parse(row.Before) is not JsonObject fields)
            {
                return false;
            }
            foreach (var (field, value) in fields)
            {
                if (!before.ContainsKey(field))
                {
                    before[field] = value?.DeepClone();
                }
            }
        }
        var errors = new Dictionary<string, List<string>>();
        var patch = CustomerRules.ReadPatch(JsonSerializer.SerializeToElement(before), creating: false, errors);
        if (errors.Count > 0)
        {
            return false;
        }
        var entry = db.Entry(customer);
        var current = entry.CurrentValues.Clone();
        CustomerRules.Apply(patch, customer);
        CustomerRules.ValidateCombination(customer, errors);
        var username = customer.Username;
        if (errors.Count == 0 && patch.Has("username") && username is not null
            && await CustomersApi.UsernameTakenAsync(db, customer.TenantId, username, customer.Id, cancellationToken))
        {
            CustomerRules.AddError(errors, "username", "taken");
        }
        if (errors.Count > 0)
        {
            entry.CurrentValues.SetValues(current);
            return false;
        }
        return true;
    }
}
