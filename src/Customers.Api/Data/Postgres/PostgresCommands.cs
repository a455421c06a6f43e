using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Customers.Api.Data.Postgres;

/// <summary>
/// Npgsql commands the PostgreSQL write paths share: the counter rows' and the audit event's
/// INSERTs, to send in one batch with a write's other statements (EF Core's SaveChanges inside a
/// transaction takes three round trips for one event: a savepoint, the insert and its release).
/// </summary>
internal static class PostgresCommands
{
    /// <summary>The context's connection and open transaction, for Npgsql commands that must join it.</summary>
    public static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) CallersTransaction(CustomersDbContext db) =>
        ((NpgsqlConnection)db.Database.GetDbConnection(),
         (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("This write runs inside the caller's transaction"));

    /// <summary>The INSERTs of the counter rows and of the write's audit event (each if any).</summary>
    public static IEnumerable<NpgsqlBatchCommand> CountersAndAudit(IReadOnlyList<CustomerStatDelta> rows, AuditEvent? audit)
    {
        if (rows.Count > 0)
        {
            yield return InsertCounters(rows);
        }
        if (audit is not null)
        {
            yield return InsertAudit(audit);
        }
    }

    /// <summary>Sends the counter rows and the audit event in one batch inside the caller's transaction.</summary>
    public static async Task WriteCountersAndAuditAsync(CustomersDbContext db, IReadOnlyList<CustomerStatDelta> rows, AuditEvent? audit, CancellationToken cancellationToken)
    {
        var (connection, transaction) = CallersTransaction(db);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in CountersAndAudit(rows, audit))
        {
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlBatchCommand InsertCounters(IReadOnlyList<CustomerStatDelta> rows) => new(
        "INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta) SELECT * FROM unnest(@tenant_id, @metric, @key, @delta)")
    {
        Parameters =
        {
            new NpgsqlParameter("tenant_id", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.TenantId).ToArray() },
            new NpgsqlParameter("metric", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Metric).ToArray() },
            new NpgsqlParameter("key", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key).ToArray() },
            new NpgsqlParameter("delta", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.Delta).ToArray() },
        },
    };

    private static NpgsqlBatchCommand InsertAudit(AuditEvent audit) => new("""
        INSERT INTO audit_events (tenant_id, action, actor_user_id, at, customer_ids, details)
        VALUES (@tenant_id, @action, @actor_user_id, @at, @customer_ids, @details::jsonb)
        """)
    {
        Parameters =
        {
            new NpgsqlParameter("tenant_id", audit.TenantId),
            new NpgsqlParameter("action", audit.Action),
            new NpgsqlParameter("actor_user_id", NpgsqlDbType.Integer) { Value = (object?)audit.ActorUserId ?? DBNull.Value },
            new NpgsqlParameter("at", audit.At),
            new NpgsqlParameter("customer_ids", audit.CustomerIds.ToArray()),
            new NpgsqlParameter("details", audit.Details),
        },
    };
}
