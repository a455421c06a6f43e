namespace Customers.Api.Customers.Bulk;

/// <summary>
/// Bulk archive, unarchive and soft delete: one statement changes only the tenant's customers in
/// the right state (<see cref="ICustomerStateChanger"/>); a second query names the reason for each
/// id it skipped; the counter changes and the audit event go in the same transaction.
/// </summary>
public static class BulkStateChange
{
    public sealed record Outcome(List<BulkCustomer> Changed, List<BulkSkipped> Skipped);

    public static async Task<Outcome> RunAsync(
        CustomersDbContext db, ICustomerStateChanger changer, TimeProvider clock, int tenantId, int? userId, CustomerStateChangeKind kind, int[] ids,
        CancellationToken cancellationToken)
    {
        var change = new CustomerStateChange(kind, tenantId, userId, ids, clock.UtcNow());
        Outcome? outcome = null;
        await changer.ChangeAsync(db, change, async rows =>
        {
            (outcome, var changes, var audit) = await SummariseAsync(db, change, rows, cancellationToken);
            return (changes, audit);
        }, cancellationToken);
        return outcome!;
    }

    /// <summary>How the statistics counters move for the rows a state change changed.</summary>
    public static StatChanges CounterChanges(CustomerStateChange change, IReadOnlyList<ChangedCustomer> rows)
    {
        var changes = new StatChanges();
        foreach (var row in rows)
        {
            var after = row.Fields(isActive: change.Kind != CustomerStateChangeKind.Delete);
            changes.Change(change.TenantId, change.Kind switch
            {
                CustomerStateChangeKind.Archive => after with { Archived = false },
                CustomerStateChangeKind.Unarchive => after with { Archived = true },
                _ => after with { IsActive = true },
            }, after);
        }
        return changes;
    }

    /// <summary>
    /// From the changed rows: the response (changed, and each skipped id with its reason), the
    /// counter changes and the audit event.
    /// </summary>
    private static async Task<(Outcome Outcome, StatChanges Changes, AuditEvent Audit)> SummariseAsync(
        CustomersDbContext db, CustomerStateChange change, IReadOnlyList<ChangedCustomer> rows, CancellationToken cancellationToken)
    {
        var (kind, tenantId, ids) = (change.Kind, change.TenantId, change.Ids);
        var changes = CounterChanges(change, rows);
        var changed = rows.Select(r => new BulkCustomer(r.Id, r.Name)).OrderBy(c => c.Id).ToList();

        var changedIds = changed.Select(c => c.Id).ToHashSet();
        var untouched = ids.Where(id => !changedIds.Contains(id)).ToList();
        var present = untouched.Count == 0 ? [] : await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive && untouched.Contains(c.Id))
            .Select(c => new { c.Id, c.Archived })
            .ToDictionaryAsync(c => c.Id, c => c.Archived, cancellationToken);
        var skipped = untouched.Select(id => new BulkSkipped(id, (kind, present.TryGetValue(id, out var archived)) switch
        {
            (CustomerStateChangeKind.Archive, true) when archived => "already_archived",
            (CustomerStateChangeKind.Unarchive, true) when !archived => "not_archived",
            _ => "not_found",
        })).ToList();

        var action = kind switch
        {
            CustomerStateChangeKind.Archive => AuditActions.BulkArchive,
            CustomerStateChangeKind.Unarchive => AuditActions.BulkUnarchive,
            _ => AuditActions.BulkDelete,
        };
        var audit = AuditEvent.Create(tenantId, change.UserId, action, changed.Select(c => c.Id),
            new { requested = ids.Length, changed = changed.Count, skipped = skipped.Count }, change.Now);
        return (new Outcome(changed, skipped), changes, audit);
    }
}
