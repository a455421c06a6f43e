using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Customers.Api.Customers.Stats;

/// <summary>
/// One change to one of a tenant's statistics counters. Every write to customers appends the
/// net change it made (a 500-row archive appends a dozen rows, not 500), in the same transaction,
/// so a tenant's figures are the sums of its rows: `GET /stats` reads a few hundred rows instead
/// of scanning a million customers. Appending never blocks another writer; reads fold old rows
/// together from time to time (<see cref="StatCounters.CompactAsync"/>).
/// </summary>
public class CustomerStatDelta
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    public required string Metric { get; set; }

    /// <summary>What the metric is broken down by ("" when it is not): a paying org, a preference, "monday 08:30", "2026-11".</summary>
    public string Key { get; set; } = "";
    public int Delta { get; set; }
}

/// <summary>The fields of a customer that the statistics count.</summary>
public readonly record struct StatFields(
    bool IsActive,
    bool Archived,
    bool IsLoginEnabled,
    bool ReminderOptIn,
    string ReminderPreference,
    string? PayingOrg,
    bool HasSplitPayment,
    bool HasMedicalNotes,
    bool HasMobilityRequirements,
    DateTime CreatedAt,
    string? Schedule)
{
    /// <summary>The counted fields of a customer, as an expression: a recount selects just these columns.</summary>
    public static readonly Expression<Func<Customer, StatFields>> Projection = c => new StatFields(
        c.IsActive, c.Archived, c.IsLoginEnabled, c.ReminderOptIn, c.ReminderPreference, c.PayingOrg, c.HasSplitPayment,
        c.MedicalNotes != null, c.MobilityRequirements != null, c.CreatedAt, c.Schedule);

    private static readonly Func<Customer, StatFields> OfCustomer = Projection.Compile();

    public static StatFields Of(Customer c) => OfCustomer(c);

    /// <summary>
    /// The counters this customer adds one to (§6): deleted customers count nowhere, archived ones
    /// only in total and archived, the rest in every figure that applies.
    /// </summary>
    public IEnumerable<(string Metric, string Key)> Counters()
    {
        if (!IsActive)
        {
            yield break;
        }
        yield return (StatCounters.Total, "");
        if (Archived)
        {
            yield return (StatCounters.ArchivedCount, "");
            yield break;
        }
        if (IsLoginEnabled)
        {
            yield return (StatCounters.WithLogin, "");
        }
        if (ReminderOptIn)
        {
            yield return (StatCounters.ReminderOptIn, "");
        }
        yield return (StatCounters.ReminderPreference, ReminderPreference);
        yield return PayingOrg is null ? (StatCounters.NoPayingOrg, "") : (StatCounters.PayingOrg, PayingOrg);
        if (HasSplitPayment)
        {
            yield return (StatCounters.SplitPayment, "");
        }
        if (HasMedicalNotes)
        {
            yield return (StatCounters.WithMedicalNotes, "");
        }
        if (HasMobilityRequirements)
        {
            yield return (StatCounters.WithMobilityRequirements, "");
        }
        yield return (StatCounters.CreatedMonth, StatCounters.Month(CreatedAt));
        if (Schedule is not null)
        {
            yield return (StatCounters.WithSchedule, "");
            foreach (var trip in Trips(Schedule))
            {
                yield return (StatCounters.Trip, trip);
            }
        }
    }

    /// <summary>"monday 08:30" for each day of the stored schedule.</summary>
    private static List<string> Trips(string schedule)
    {
        using var document = JsonDocument.Parse(schedule);
        var trips = new List<string>(7);
        foreach (var day in document.RootElement.EnumerateObject())
        {
            if (day.Value.ValueKind == JsonValueKind.Object && day.Value.TryGetProperty("pickup_time", out var pickup) && pickup.ValueKind == JsonValueKind.String)
            {
                trips.Add($"{day.Name} {pickup.GetString()}");
            }
        }
        return trips;
    }
}

/// <summary>Net changes to a tenant's counters, summed before they are written.</summary>
public sealed class StatChanges
{
    // Customers with the same counted fields (the usual case in a bulk write) are summed first
    // and expanded into counters, schedule parsed, once per distinct set of fields.
    private readonly Dictionary<(int TenantId, StatFields Fields), int> customers = [];

    public void Add(int tenantId, StatFields customer, int sign)
    {
        // Only the month of created_at is counted.
        var key = (tenantId, customer with { CreatedAt = new DateTime(customer.CreatedAt.Year, customer.CreatedAt.Month, 1, 0, 0, 0, DateTimeKind.Utc) });
        customers[key] = customers.GetValueOrDefault(key) + sign;
    }

    /// <summary>A customer went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Change(int tenantId, StatFields before, StatFields after)
    {
        Add(tenantId, before, -1);
        Add(tenantId, after, +1);
    }

    public List<CustomerStatDelta> ToRows()
    {
        var deltas = new Dictionary<(int TenantId, string Metric, string Key), int>();
        foreach (var ((tenantId, fields), count) in customers)
        {
            if (count == 0)
            {
                continue;
            }
            foreach (var (metric, key) in fields.Counters())
            {
                deltas[(tenantId, metric, key)] = deltas.GetValueOrDefault((tenantId, metric, key)) + count;
            }
        }
        return deltas
            .Where(d => d.Value != 0)
            .Select(d => new CustomerStatDelta { TenantId = d.Key.TenantId, Metric = d.Key.Metric, Key = d.Key.Key, Delta = d.Value })
            .ToList();
    }
}

/// <summary>Reads, writes, compacts and recounts the statistics counters.</summary>
public static class StatCounters
{
    public const string Total = "total";
    public const string ArchivedCount = "archived";
    public const string WithLogin = "with_login";
    public const string ReminderOptIn = "reminder_opt_in";
    public const string ReminderPreference = "reminder_preference";
    public const string PayingOrg = "paying_org";
    public const string NoPayingOrg = "no_paying_org";
    public const string SplitPayment = "split_payment";
    public const string WithMedicalNotes = "with_medical_notes";
    public const string WithMobilityRequirements = "with_mobility_requirements";
    public const string CreatedMonth = "created_month";
    public const string WithSchedule = "with_schedule";
    public const string Trip = "trip";

    /// <summary>Rows a tenant may collect before a read folds them into one per counter.</summary>
    public const int CompactAbove = 500;

    public static string Month(DateTime utc) => utc.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public sealed record Counter(string Metric, string Key, long Count, int Rows);

    /// <summary>The tenant's counters, with how many rows each is spread over.</summary>
    public static async Task<List<Counter>> ReadAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken) =>
        await db.CustomerStatDeltas.AsNoTracking()
            .Where(d => d.TenantId == tenantId)
            .GroupBy(d => new { d.Metric, d.Key })
            .Select(g => new Counter(g.Key.Metric, g.Key.Key, g.Sum(d => (long)d.Delta), g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Appends the changes now, inside the caller's transaction: for writes that bypass
    /// SaveChanges (set-based SQL). SaveChanges records tracked customers' changes itself.
    /// </summary>
    public static Task WriteAsync(CustomersDbContext db, StatChanges changes, CancellationToken cancellationToken) =>
        WriteAsync(db, changes, null, cancellationToken);

    /// <summary>
    /// The same, and the write's audit event with the changes: one round trip on PostgreSQL
    /// (EF Core's SaveChanges inside a transaction takes three for an event: a savepoint, the
    /// insert and its release).
    /// </summary>
    public static async Task WriteAsync(CustomersDbContext db, StatChanges changes, AuditEvent? audit, CancellationToken cancellationToken)
    {
        var rows = changes.ToRows();
        if (db.IsPostgres)
        {
            var (connection, transaction) = PostgresBulkWriter.CallersTransaction(db);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in PostgresCommands(rows, audit))
            {
                batch.BatchCommands.Add(command);
            }
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            return;
        }
        if (rows.Count > 0)
        {
            // SQLite has no arrays: the rows travel as one JSON parameter.
            var json = JsonSerializer.Serialize(rows.Select(r => new object[] { r.TenantId, r.Metric, r.Key, r.Delta }));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta)
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each({json})
                """, cancellationToken);
        }
        if (audit is not null)
        {
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>PostgreSQL: the INSERTs of the counter rows and of the write's audit event (each if any), for one batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> PostgresCommands(IReadOnlyList<CustomerStatDelta> rows, AuditEvent? audit)
    {
        if (rows.Count > 0)
        {
            yield return PostgresInsert(rows);
        }
        if (audit is not null)
        {
            yield return audit.PostgresInsert();
        }
    }

    /// <summary>One INSERT of every row (arrays as parameters), to send in a batch with other writes.</summary>
    private static NpgsqlBatchCommand PostgresInsert(IReadOnlyList<CustomerStatDelta> rows) => new(
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

    /// <summary>
    /// Folds the tenant's rows into one per counter. On PostgreSQL one statement deletes the rows
    /// it can see and inserts their sums; rows another transaction is still writing are left for
    /// next time, and two instances compacting at once each fold only the rows they deleted.
    /// </summary>
    public static async Task CompactAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"""
                WITH folded AS (DELETE FROM customer_stat_deltas WHERE tenant_id = {tenantId} RETURNING metric, key, delta)
                INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta)
                SELECT {tenantId}, metric, key, sum(delta)::int FROM folded GROUP BY metric, key HAVING sum(delta) <> 0
                """, cancellationToken);
            return;
        }
        // SQLite has one writer at a time: read, delete and insert in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = await db.CustomerStatDeltas.Where(d => d.TenantId == tenantId).MaxAsync(d => (long?)d.Id, cancellationToken);
        if (last is null)
        {
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta)
            SELECT tenant_id, metric, key, sum(delta) FROM customer_stat_deltas
            WHERE tenant_id = {tenantId} AND customer_stat_delta_id <= {last}
            GROUP BY tenant_id, metric, key HAVING sum(delta) <> 0
            """, cancellationToken);
        await db.CustomerStatDeltas.Where(d => d.TenantId == tenantId && d.Id <= last).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the tenant's counters with a count of its customers: fills them for data that
    /// predates the counters, and repairs any drift. On PostgreSQL the count and the delete see
    /// one snapshot (repeatable read), so changes committed meanwhile keep their own rows.
    /// </summary>
    public static async Task RecountAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.IsPostgres ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, cancellationToken);
        var changes = new StatChanges();
        await foreach (var customer in db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive)
            .Select(StatFields.Projection)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            changes.Add(tenantId, customer, +1);
        }
        await db.CustomerStatDeltas.Where(d => d.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        await WriteAsync(db, changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Counts tenants whose customers have no counters yet (data written before the counters
    /// existed). Runs after migrations; on PostgreSQL under an advisory lock so that two instances
    /// starting together do not both count. Each tenant counted is stamped as recounted, so the
    /// daily recount does not count it again straight away.
    /// </summary>
    public static async Task FillMissingAsync(CustomersDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        const long LockKey = 0x5354415453; // "STATS"
        if (db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        }
        try
        {
            var missing = await db.Tenants.AsNoTracking()
                .Where(t => db.Customers.Any(c => c.TenantId == t.Id && c.IsActive) && !db.CustomerStatDeltas.Any(d => d.TenantId == t.Id))
                .Select(t => t.Id)
                .ToListAsync(cancellationToken);
            foreach (var tenantId in missing)
            {
                await RecountAsync(db, tenantId, cancellationToken);
                await db.Tenants.Where(t => t.Id == tenantId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.StatsRecountedAt, now), cancellationToken);
            }
        }
        finally
        {
            if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
