using Npgsql;

namespace Customers.Api.Data.Postgres;

/// <summary>
/// Two round trips: BEGIN goes with the UPDATE, and COMMIT with the counter changes and the
/// audit event. The statement goes through Npgsql directly and is read by ordinal (EF Core's
/// SqlQuery spent 1–2 ms materialising 500 rows). Should anything fail in between, closing the
/// connection rolls the transaction back: Npgsql resets a connection before it goes back to the
/// pool. docs/adr/20261130-batch-begin-and-commit-with-statements.md
/// </summary>
public sealed class PostgresCustomerStateChanger : ICustomerStateChanger
{
    public async Task ChangeAsync(
        CustomersDbContext db,
        CustomerStateChange change,
        Func<IReadOnlyList<ChangedCustomer>, Task<(StatChanges Changes, AuditEvent? Audit)>> summarise,
        CancellationToken cancellationToken)
    {
        // It sends its own BEGIN and COMMIT: inside a caller's transaction they would end that one.
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A bulk state change runs in a transaction of its own");
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var rows = new List<ChangedCustomer>();
            await using (var begin = new NpgsqlBatch(connection) { BatchCommands = { new("BEGIN"), Update(change) } })
            await using (var reader = await begin.ExecuteReaderAsync(cancellationToken))
            {
                // Past BEGIN's result, which has no columns (if the reader stopped at it).
                while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
                {
                }
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new ChangedCustomer(
                        reader.GetInt32(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetBoolean(7), reader.GetBoolean(8), reader.GetBoolean(9),
                        reader.GetDateTime(10), reader.IsDBNull(11) ? null : reader.GetString(11)));
                }
            }

            var (changes, audit) = await summarise(rows);
            await using var commit = new NpgsqlBatch(connection);
            foreach (var command in PostgresCommands.CountersAndAudit(changes.ToRows(), audit))
            {
                commit.BatchCommands.Add(command);
            }
            commit.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await commit.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlBatchCommand Update(CustomerStateChange change)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new() { Value = change.Now },
            new() { Value = change.TenantId },
            new() { Value = change.Ids },
        };
        string Parameter(object? value)
        {
            // A null goes untyped: the statement casts it to the column's type.
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            return $"${parameters.Count}";
        }
        var set = change.Kind switch
        {
            CustomerStateChangeKind.Archive => $"archived = TRUE, archived_at = $1, archived_by = {Parameter(change.UserId)}::integer, updated_at = $1",
            CustomerStateChangeKind.Unarchive => "archived = FALSE, archived_at = NULL, archived_by = NULL, updated_at = $1",
            _ => "is_active = FALSE, deleted_at = $1, updated_at = $1",
        };
        var state = change.Kind switch
        {
            CustomerStateChangeKind.Archive => "AND NOT archived",
            CustomerStateChangeKind.Unarchive => "AND archived",
            _ => "",
        };
        var unchanged = change.OnlyIfUpdatedAt is { } updatedAt ? $"AND updated_at = {Parameter(updatedAt)}" : "";
        var command = new NpgsqlBatchCommand($"""
            UPDATE customers SET {set}
            WHERE tenant_id = $2 AND customer_id = ANY($3) AND is_active {state} {unchanged}
            RETURNING customer_id AS id, name, archived, is_login_enabled, reminder_opt_in, reminder_preference, paying_org, has_split_payment,
                medical_notes IS NOT NULL AS has_medical_notes, mobility_requirements IS NOT NULL AS has_mobility_requirements, created_at, schedule
            """);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }
}
