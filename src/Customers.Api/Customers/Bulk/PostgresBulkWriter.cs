using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Customers.Api.Customers.Bulk;

/// <summary>
/// Set-based writes for PostgreSQL: 500 rows go as one array per column into a single
/// <c>INSERT … SELECT FROM unnest(…)</c> or <c>UPDATE … FROM unnest(…)</c>, instead of one
/// statement (and ~30 parameters) per row. EF Core's batched SaveChanges spends well over 100 ms
/// building and binding 500 such statements; these take a few. Every value is a parameter.
/// Must run inside the caller's transaction.
/// </summary>
public static class PostgresBulkWriter
{
    private sealed record Column(string Name, NpgsqlDbType Type, Func<Customer, object?> Read, string Cast = "");

    // Every column a client may write (CustomerRules' field names are the column names).
    private static readonly Column[] Writable =
    [
        new("name", NpgsqlDbType.Text, c => c.Name),
        new("address", NpgsqlDbType.Text, c => c.Address),
        new("address_line_2", NpgsqlDbType.Text, c => c.AddressLine2),
        new("city", NpgsqlDbType.Text, c => c.City),
        new("county", NpgsqlDbType.Text, c => c.County),
        new("postcode", NpgsqlDbType.Text, c => c.Postcode),
        new("phone", NpgsqlDbType.Text, c => c.Phone),
        new("email", NpgsqlDbType.Text, c => c.Email),
        new("paying_org", NpgsqlDbType.Text, c => c.PayingOrg),
        new("has_split_payment", NpgsqlDbType.Boolean, c => c.HasSplitPayment),
        new("provider_split", NpgsqlDbType.Numeric, c => c.ProviderSplit),
        new("payment_split", NpgsqlDbType.Numeric, c => c.PaymentSplit),
        new("schedule", NpgsqlDbType.Text, c => c.Schedule, "::jsonb"),
        new("emergency_contact_name", NpgsqlDbType.Text, c => c.EmergencyContactName),
        new("emergency_contact_phone", NpgsqlDbType.Text, c => c.EmergencyContactPhone),
        new("medical_notes", NpgsqlDbType.Text, c => c.MedicalNotes),
        new("medication_notes", NpgsqlDbType.Text, c => c.MedicationNotes),
        new("driver_notes", NpgsqlDbType.Text, c => c.DriverNotes),
        new("mobility_requirements", NpgsqlDbType.Text, c => c.MobilityRequirements),
        new("reminder_opt_in", NpgsqlDbType.Boolean, c => c.ReminderOptIn),
        new("reminder_preference", NpgsqlDbType.Text, c => c.ReminderPreference),
        new("is_login_enabled", NpgsqlDbType.Boolean, c => c.IsLoginEnabled),
        new("username", NpgsqlDbType.Text, c => c.Username),
    ];

    private static readonly string InsertSql = $"""
        INSERT INTO customers (customer_id, tenant_id, {string.Join(", ", Writable.Select(c => c.Name))},
            archived, is_active, created_at, updated_at)
        SELECT v.customer_id, @tenant_id, {string.Join(", ", Writable.Select(c => $"v.{c.Name}{c.Cast}"))},
            FALSE, TRUE, @now, @now
        FROM unnest(@customer_id, {string.Join(", ", Writable.Select(c => "@" + c.Name))})
            AS v(customer_id, {string.Join(", ", Writable.Select(c => c.Name))})
        """;

    // A column changes only where its flag is set, so fields a row did not send keep whatever is stored.
    private static readonly string UpdateSql = $"""
        UPDATE customers AS c SET
            {string.Join(",\n    ", Writable.Select(c => $"{c.Name} = CASE WHEN v.set_{c.Name} THEN v.{c.Name}{c.Cast} ELSE c.{c.Name} END"))},
            updated_at = @now
        FROM unnest(@customer_id, {string.Join(", ", Writable.Select(c => $"@{c.Name}, @set_{c.Name}"))})
            AS v(customer_id, {string.Join(", ", Writable.Select(c => $"{c.Name}, set_{c.Name}"))})
        WHERE c.tenant_id = @tenant_id AND c.customer_id = v.customer_id AND c.is_active
        """;

    /// <summary>Inserts new customers (all of one tenant) and sets their ids, in input order.</summary>
    public static async Task InsertAsync(CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, DateTime now, CancellationToken cancellationToken)
    {
        var (connection, transaction) = CallersTransaction(db);

        // Take the ids first, so each row's id is known without relying on RETURNING order. The
        // sequence is looked up once (MATERIALIZED): pg_get_serial_sequence in the select list ran
        // for every row, a catalog search that took three times as long as the nextval itself.
        var ids = new int[customers.Count];
        await using (var next = new NpgsqlCommand("""
            WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('customers', 'customer_id')::regclass AS sequence)
            SELECT nextval(s.sequence)::int FROM s, generate_series(1, @n)
            """, connection, transaction))
        {
            next.Parameters.AddWithValue("n", customers.Count);
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            {
                ids[i] = reader.GetInt32(0);
            }
        }

        await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
        insert.Parameters.AddWithValue("tenant_id", tenantId);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.Add(new NpgsqlParameter("customer_id", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = ids });
        foreach (var column in Writable)
        {
            insert.Parameters.Add(ArrayParameter(column.Name, column, customers.Select(column.Read)));
        }
        await insert.ExecuteNonQueryAsync(cancellationToken);

        for (var i = 0; i < customers.Count; i++)
        {
            customers[i].Id = ids[i];
            customers[i].CreatedAt = customers[i].UpdatedAt = now;
        }
    }

    /// <summary>Writes the given fields of each customer (the rest stay as stored). Returns the rows updated.</summary>
    public static async Task<int> UpdateAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<(Customer Customer, IReadOnlySet<string> Fields)> rows, DateTime now, CancellationToken cancellationToken)
    {
        var (connection, transaction) = CallersTransaction(db);

        await using var update = new NpgsqlCommand(UpdateSql, connection, transaction);
        update.Parameters.AddWithValue("tenant_id", tenantId);
        update.Parameters.AddWithValue("now", now);
        update.Parameters.Add(new NpgsqlParameter("customer_id", NpgsqlDbType.Array | NpgsqlDbType.Integer)
        {
            Value = rows.Select(r => r.Customer.Id).ToArray(),
        });
        foreach (var column in Writable)
        {
            update.Parameters.Add(ArrayParameter(column.Name, column, rows.Select(r => column.Read(r.Customer))));
            update.Parameters.Add(new NpgsqlParameter("set_" + column.Name, NpgsqlDbType.Array | NpgsqlDbType.Boolean)
            {
                Value = rows.Select(r => r.Fields.Contains(column.Name)).ToArray(),
            });
        }
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The context's connection and open transaction, for Npgsql commands that must join it.</summary>
    public static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) CallersTransaction(CustomersDbContext db) =>
        ((NpgsqlConnection)db.Database.GetDbConnection(),
         (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("PostgresBulkWriter runs inside the caller's transaction"));

    private static NpgsqlParameter ArrayParameter(string name, Column column, IEnumerable<object?> values)
    {
        Array array = column.Type switch
        {
            NpgsqlDbType.Boolean => values.Select(v => (bool)v!).ToArray(),
            NpgsqlDbType.Numeric => values.Select(v => (decimal?)v).ToArray(),
            _ => values.Select(v => (string?)v).ToArray(),
        };
        return new NpgsqlParameter(name, NpgsqlDbType.Array | column.Type) { Value = array };
    }
}
