namespace Customers.Api.Customers.Bulk;

/// <summary>
/// Applies many selective updates: one query loads every addressed customer, each row is
/// validated on the merged record, and the valid rows are written in one statement
/// (<see cref="ICustomerBulkWriter.UpdateAsync"/>) with the audit event in the same transaction.
/// Rows are independent unless the request is atomic.
/// </summary>
public sealed class BulkUpdate(CustomersDbContext db, ICustomerBulkWriter writer, TimeProvider clock, int tenantId, int? userId)
{
    private const int MaxSavePasses = 3;

    public async Task<BulkUpdateResponse> RunAsync(IReadOnlyList<JsonElement> items, int[] ids, bool atomic, CancellationToken cancellationToken)
    {
        var (updated, errors, changedFields) = await PrepareAsync(items, ids, null, cancellationToken);
        if (updated.Count == 0 || (atomic && errors.Count > 0))
        {
            db.ChangeTracker.Clear();
            return Response(items.Count, [], errors);
        }
        await SaveAsync(items.Count, updated, errors, changedFields, atomic, clock.UtcNow(), cancellationToken);
        return Response(items.Count, atomic && errors.Count > 0 ? [] : updated.Select(u => new BulkUpdateSuccess(u.Row, u.Customer.Id)).ToList(), errors);
    }

    /// <summary>
    /// Loads the addressed customers (tracked), applies and validates each row on the merged
    /// record; a failing row is reverted. Rows are numbered from 1 unless <paramref name="rowNumbers"/> says otherwise.
    /// </summary>
    /// <remarks>An import's error file wants every problem of a row (<paramref name="everyProblem"/>, joined with "; "); a bulk request's error the first.</remarks>
    public async Task<(List<UpdatedRow> Updated, List<BulkUpdateError> Errors, SortedSet<string> ChangedFields)> PrepareAsync(
        IReadOnlyList<JsonElement> items, int[] ids, IReadOnlyList<int>? rowNumbers, CancellationToken cancellationToken, bool everyProblem = false)
    {
        if (items.Count == 0)
        {
            // An import batch with no ID column: no query (an empty id list still costs a plan and a probe).
            return ([], [], new SortedSet<string>(StringComparer.Ordinal));
        }
        var distinctIds = ids.Distinct().ToList();
        var customers = await db.Customers
            .Where(c => c.TenantId == tenantId && c.IsActive && distinctIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var takenUsernames = await TakenUsernamesAsync(items, cancellationToken);

        var errors = new List<BulkUpdateError>();
        var updated = new List<UpdatedRow>();
        var changedFields = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var row = rowNumbers?[i] ?? i + 1;
            var id = ids[i];
            var fieldErrors = new Dictionary<string, List<string>>();
            var patch = CustomerRules.ReadPatch(items[i], creating: false, fieldErrors, keyField: "customer_id");
            if (!customers.TryGetValue(id, out var customer))
            {
                errors.Add(new BulkUpdateError(row, id, $"Customer {id} not found", "customer_id"));
                continue;
            }
            if (fieldErrors.Count == 0 && patch.IsEmpty)
            {
                CustomerRules.AddError(fieldErrors, "body", "No fields to update: give at least one field besides customer_id");
            }

            var entry = db.Entry(customer);
            var before = entry.CurrentValues.Clone();
            if (fieldErrors.Count == 0)
            {
                CustomerRules.Apply(patch, customer);
                CustomerRules.ValidateCombination(customer, fieldErrors);
            }
            if (fieldErrors.Count == 0 && patch.Has("username") && customer.Username is { } username)
            {
                if (takenUsernames.TryGetValue(username, out var holder) && holder != id)
                {
                    CustomerRules.AddError(fieldErrors, "username", holder > 0
                        ? $"Username '{username}' is already taken"
                        : $"Username '{username}' is already used by row {-holder}");
                }
            }
            if (fieldErrors.Count > 0)
            {
                entry.CurrentValues.SetValues(before);
                var (field, message) = CustomerRules.RowError(fieldErrors, everyProblem);
                errors.Add(new BulkUpdateError(row, id, message, field));
                continue;
            }
            if (patch.Has("username") && customer.Username is { } claimed)
            {
                // Later rows may not take a username this row now holds (negative: held by a row, not a stored customer).
                takenUsernames[claimed] = -row;
            }
            changedFields.UnionWith(patch.Values.Keys);
            updated.Add(new UpdatedRow(row, customer, patch.Values.Keys.ToHashSet()));
        }
        return (updated, errors, changedFields);
    }

    /// <summary>Writes prepared rows inside the caller's transaction (no audit event).</summary>
    public async Task WriteAsync(List<UpdatedRow> updated, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var row in updated)
        {
            row.Customer.UpdatedAt = now;
        }
        await writer.UpdateAsync(db, tenantId, updated.Select(u => (u.Customer, (IReadOnlySet<string>)u.Fields)).ToList(), now, cancellationToken);
    }

    /// <summary>Usernames the request sets, mapped to the customer already holding each one.</summary>
    private async Task<Dictionary<string, int>> TakenUsernamesAsync(IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        var requested = items
            .Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String
                    && JsonStrings.FindInvalid(u) is null
                ? CustomerRules.NormaliseUsername(u.GetString()!, out _)
                : null)
            .OfType<string>()
            .Distinct()
            .ToList();
        if (requested.Count == 0)
        {
            return [];
        }
        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive && requested.Contains(c.Username!))
            .ToDictionaryAsync(c => c.Username!, c => c.Id, cancellationToken);
    }

    public sealed record UpdatedRow(int Row, Customer Customer, HashSet<string> Fields);

    private async Task SaveAsync(
        int total, List<UpdatedRow> updated, List<BulkUpdateError> errors,
        SortedSet<string> changedFields, bool atomic, DateTime now, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await WriteAsync(updated, now, cancellationToken);
                db.AuditEvents.Add(AuditEvent.Create(tenantId, userId, AuditActions.BulkUpdate, updated.Select(u => u.Customer.Id).Distinct(),
                    new { total, updated = updated.Count, failed = total - updated.Count, fields = changedFields }, now));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return;
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e) && pass < MaxSavePasses)
            {
                // Another request took a username between our check and our save: fail just those rows.
                await transaction.RollbackAsync(cancellationToken);
                foreach (var audit in db.ChangeTracker.Entries<AuditEvent>().ToList())
                {
                    audit.State = EntityState.Detached;
                }
                var lost = await LostUsernameRowsAsync(updated, cancellationToken);
                if (lost.Count == 0)
                {
                    throw;
                }
                foreach (var row in lost)
                {
                    var entry = db.Entry(row.Customer);
                    entry.CurrentValues.SetValues(entry.OriginalValues);
                    entry.State = EntityState.Unchanged;
                    errors.Add(new BulkUpdateError(row.Row, row.Customer.Id, $"Username '{row.Customer.Username}' is already taken", "username"));
                    updated.Remove(row);
                }
                if (atomic || updated.Count == 0)
                {
                    db.ChangeTracker.Clear();
                    return;
                }
            }
        }
    }

    private async Task<List<UpdatedRow>> LostUsernameRowsAsync(List<UpdatedRow> updated, CancellationToken cancellationToken)
    {
        var wanted = updated.Where(u => u.Fields.Contains("username") && u.Customer.Username is not null).ToList();
        var usernames = wanted.Select(w => w.Customer.Username!).ToList();
        var holders = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive && usernames.Contains(c.Username!))
            .Select(c => new { c.Id, c.Username })
            .ToListAsync(cancellationToken);
        return wanted.Where(w => holders.Any(h => h.Username == w.Customer.Username && h.Id != w.Customer.Id)).ToList();
    }

    private static BulkUpdateResponse Response(int total, List<BulkUpdateSuccess> updated, List<BulkUpdateError> errors) =>
        new(updated, errors.OrderBy(e => e.Row).ToList(), new BulkUpdateSummary(total, updated.Count, total - updated.Count));
}
