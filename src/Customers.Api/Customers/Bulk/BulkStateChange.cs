using Customers.Api.Audit;

namespace Customers.Api.Customers.Bulk;

/// <summary>
/// Bulk archive, unarchive and soft delete: one UPDATE … RETURNING statement touches only the
/// tenant's customers in the right state; a second query names the reason for each id it skipped;
/// the audit event goes in the same transaction.
/// </summary>
public static class BulkStateChange
{
    public enum Kind { Archive, Unarchive, Delete }

    public sealed record Outcome(List<BulkCustomer> Changed, List<BulkSkipped> Skipped);

    public static async Task<Outcome> RunAsync(
        CustomersDbContext db, TimeProvider clock, int tenantId, int? userId, Kind kind, int[] ids, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Database.SqlQuery<BulkCustomer>(Statement(db.IsPostgres, kind, tenantId, userId, ids, now))
            .ToListAsync(cancellationToken);
        changed.Sort((a, b) => a.Id.CompareTo(b.Id));

        var changedIds = changed.Select(c => c.Id).ToHashSet();
        var untouched = ids.Where(id => !changedIds.Contains(id)).ToList();
        var present = untouched.Count == 0 ? [] : await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive && untouched.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Archived, cancellationToken);
        var skipped = untouched.Select(id => new BulkSkipped(id, (kind, present.TryGetValue(id, out var archived)) switch
        {
            (Kind.Archive, true) when archived => "already_archived",
            (Kind.Unarchive, true) when !archived => "not_archived",
            _ => "not_found",
        })).ToList();

        var action = kind switch
        {
            Kind.Archive => AuditActions.BulkArchive,
            Kind.Unarchive => AuditActions.BulkUnarchive,
            _ => AuditActions.BulkDelete,
        };
        db.AuditEvents.Add(AuditEvent.Create(tenantId, userId, action, changed.Select(c => c.Id),
            new { requested = ids.Length, changed = changed.Count, skipped = skipped.Count }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new Outcome(changed, skipped);
    }

    // Parameterised by interpolation (FormattableString): every value is a database parameter.
    private static FormattableString Statement(bool postgres, Kind kind, int tenantId, int? userId, int[] ids, DateTime now)
    {
        if (postgres)
        {
            return kind switch
            {
                Kind.Archive => $"""
                    UPDATE customers SET archived = TRUE, archived_at = {now}, archived_by = {userId}, updated_at = {now}
                    WHERE tenant_id = {tenantId} AND customer_id = ANY({ids}) AND is_active AND NOT archived
                    RETURNING customer_id AS id, name
                    """,
                Kind.Unarchive => $"""
                    UPDATE customers SET archived = FALSE, archived_at = NULL, archived_by = NULL, updated_at = {now}
                    WHERE tenant_id = {tenantId} AND customer_id = ANY({ids}) AND is_active AND archived
                    RETURNING customer_id AS id, name
                    """,
                _ => $"""
                    UPDATE customers SET is_active = FALSE, updated_at = {now}
                    WHERE tenant_id = {tenantId} AND customer_id = ANY({ids}) AND is_active
                    RETURNING customer_id AS id, name
                    """,
            };
        }
        // SQLite has no arrays: the ids travel as one JSON parameter.
        var idsJson = JsonSerializer.Serialize(ids);
        return kind switch
        {
            Kind.Archive => $"""
                UPDATE customers SET archived = 1, archived_at = {now}, archived_by = {userId}, updated_at = {now}
                WHERE tenant_id = {tenantId} AND customer_id IN (SELECT value FROM json_each({idsJson})) AND is_active AND NOT archived
                RETURNING customer_id AS id, name
                """,
            Kind.Unarchive => $"""
                UPDATE customers SET archived = 0, archived_at = NULL, archived_by = NULL, updated_at = {now}
                WHERE tenant_id = {tenantId} AND customer_id IN (SELECT value FROM json_each({idsJson})) AND is_active AND archived
                RETURNING customer_id AS id, name
                """,
            _ => $"""
                UPDATE customers SET is_active = 0, updated_at = {now}
                WHERE tenant_id = {tenantId} AND customer_id IN (SELECT value FROM json_each({idsJson})) AND is_active
                RETURNING customer_id AS id, name
                """,
        };
    }
}
