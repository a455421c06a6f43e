using System.Runtime.CompilerServices;

namespace Customers.Api.Data.Sqlite;

public sealed class SqliteCustomerStateChanger(SqliteStatCounterStore counters) : ICustomerStateChanger
{
    public async Task ChangeAsync(
        CustomersDbContext db,
        CustomerStateChange change,
        Func<IReadOnlyList<ChangedCustomer>, Task<(StatChanges Changes, AuditEvent? Audit)>> summarise,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<ChangedCustomer>(Update(change)).ToListAsync(cancellationToken);
        var (changes, audit) = await summarise(rows);
        await counters.WriteAsync(db, changes.ToRows(), audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    // Parameterised by interpolation: every value is a parameter. SQLite has no arrays, so the ids
    // travel as one JSON parameter.
    private static FormattableString Update(CustomerStateChange change)
    {
        var (now, userId, tenantId, ids) = (change.Now, change.UserId, change.TenantId, JsonSerializer.Serialize(change.Ids));
        FormattableString update = change.Kind switch
        {
            CustomerStateChangeKind.Archive => $"""
                UPDATE customers SET archived = 1, archived_at = {now}, archived_by = {userId}, updated_at = {now}
                WHERE tenant_id = {tenantId} AND customer_id IN (SELECT value FROM json_each({ids})) AND is_active AND NOT archived
                """,
            CustomerStateChangeKind.Unarchive => $"""
                UPDATE customers SET archived = 0, archived_at = NULL, archived_by = NULL, updated_at = {now}
                WHERE tenant_id = {tenantId} AND customer_id IN (SELECT value FROM json_each({ids})) AND is_active AND archived
                """,
            _ => $"""
                UPDATE customers SET is_active = 0, deleted_at = {now}, updated_at = {now}
                WHERE tenant_id = {tenantId} AND customer_id IN (SELECT value FROM json_each({ids})) AND is_active
                """,
        };
        var arguments = update.GetArguments().ToList();
        var unchanged = "";
        if (change.OnlyIfUpdatedAt is { } updatedAt)
        {
            unchanged = $" AND updated_at = {{{arguments.Count}}}";
            arguments.Add(updatedAt);
        }
        return FormattableStringFactory.Create(update.Format + unchanged + Returning, arguments.ToArray());
    }

    private const string Returning = """

        RETURNING customer_id AS id, name, archived, is_login_enabled, reminder_opt_in, reminder_preference, paying_org, has_split_payment,
            medical_notes IS NOT NULL AS has_medical_notes, mobility_requirements IS NOT NULL AS has_mobility_requirements, created_at, schedule
        """;
}
