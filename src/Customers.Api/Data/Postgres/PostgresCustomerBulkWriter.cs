using Npgsql;
using NpgsqlTypes;

namespace Customers.Api.Data.Postgres;

/// <summary>
/// 500 rows go as one array per column into a single <c>INSERT … SELECT FROM unnest(…)</c> or
/// <c>UPDATE … FROM unnest(…)</c>, with the counter rows and the audit event in one batch after
/// it. Every value is a parameter. docs/adr/20261123-set-based-bulk-writes-with-unnest.md
/// </summary>
public sealed class PostgresCustomerBulkWriter : ICustomerBulkWriter
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

    public async Task InsertAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, DateTime now, Func<AuditEvent>? audit, CancellationToken cancellationToken)
    {
        var (connection, transaction) = PostgresCommands.CallersTransaction(db);

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

        await using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            insert.Parameters.AddWithValue("tenant_id", tenantId);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.Add(new NpgsqlParameter("customer_id", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = ids });
            foreach (var column in Writable)
            {
                insert.Parameters.Add(ArrayParameter(column.Name, column, customers.Select(column.Read)));
            }
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var changes = new StatChanges();
        for (var i = 0; i < customers.Count; i++)
        {
            customers[i].Id = ids[i];
            customers[i].CreatedAt = customers[i].UpdatedAt = now;
            changes.Add(tenantId, StatFields.Of(customers[i]), +1);
        }
        await PostgresCommands.WriteCountersAndAuditAsync(db, changes.ToRows(), audit?.Invoke(), cancellationToken);
    }

    public async Task UpdateAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<(Customer Customer, IReadOnlySet<string> Fields)> rows, DateTime now, CancellationToken cancellationToken)
    {
        var (connection, transaction) = PostgresCommands.CallersTransaction(db);
        var customers = rows.GroupBy(r => r.Customer.Id)
            .Select(g => (g.First().Customer, Fields: g.SelectMany(r => r.Fields).ToHashSet()))
            .ToList();

        await using (var update = new NpgsqlCommand(UpdateSql, connection, transaction))
        {
            update.Parameters.AddWithValue("tenant_id", tenantId);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.Add(new NpgsqlParameter("customer_id", NpgsqlDbType.Array | NpgsqlDbType.Integer)
            {
                Value = customers.Select(r => r.Customer.Id).ToArray(),
            });
            foreach (var column in Writable)
            {
                update.Parameters.Add(ArrayParameter(column.Name, column, customers.Select(r => column.Read(r.Customer))));
                update.Parameters.Add(new NpgsqlParameter("set_" + column.Name, NpgsqlDbType.Array | NpgsqlDbType.Boolean)
                {
                    Value = customers.Select(r => r.Fields.Contains(column.Name)).ToArray(),
                });
            }
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        // The customers are still tracked as loaded and changed: counted as SaveChanges would.
        await PostgresCommands.WriteCountersAndAuditAsync(db, db.TrackedCustomerChanges().ToRows(), null, cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Each (phone, lower(name)) pair is one lookup on the (phone, lower(name)) index (LATERAL …
    /// OFFSET 0 keeps the planner from joining over all the tenant's rows), and only then are the
    /// tenant's kept: the lookup names no tenant, so the planner cannot pick an index that leads
    /// with tenant_id instead. docs/adr/20261124-duplicate-check-by-phone-name-pairs.md
    /// </summary>
    public async Task<List<ExistingCustomer>> FindSamePhoneAndNameAsync(
        CustomersDbContext db, int tenantId, IReadOnlyList<Customer> customers, CancellationToken cancellationToken)
    {
        var phones = customers.Select(c => c.Phone).ToArray();
        var names = customers.Select(c => c.Name.ToLowerInvariant()).ToArray();
        return await db.Database.SqlQuery<ExistingCustomer>($"""
            SELECT DISTINCT c.id, c.name, c.phone
            FROM unnest({phones}, {names}) AS k(phone, lower_name)
            CROSS JOIN LATERAL (
                SELECT customer_id AS id, tenant_id, name, phone FROM customers
                WHERE phone = k.phone AND lower(name) = k.lower_name AND is_active
                OFFSET 0) AS c
            WHERE c.tenant_id = {tenantId}
            """).ToListAsync(cancellationToken);
    }

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
