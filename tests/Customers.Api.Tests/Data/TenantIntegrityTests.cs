using Microsoft.Data.Sqlite;
using Npgsql;

namespace Customers.Api.Tests.Data;

public sealed class TenantIntegritySqliteTests(SqliteApp app) : TenantIntegrityTests(app), IClassFixture<SqliteApp>;

public sealed class TenantIntegrityPostgresTests(PostgresApp app) : TenantIntegrityTests(app), IClassFixture<PostgresApp>
{
    // PostgreSQL fetches and locks each row an UPDATE changes for any BEFORE row trigger, even one
    // whose column list rules it out: the tenant check must not cost every archive a lock per row.
    [Fact]
    public async Task A_bulk_archive_and_delete_write_no_row_locks_for_the_tenant_check()
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pg_walinspect", Ct));
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new
        {
            customers = Enumerable.Range(0, 20).Select(i => new { name = $"Unlocked Person {i}", phone = $"07700 900{i:000}" }),
        })).ReadJsonAsync();
        var ids = created.CreatedCustomerIds();
        ids.Length.ShouldBe(20);

        var start = await WalPositionAsync();
        (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = ids[..10] })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = ids[10..] })).EnsureSuccessStatusCode();
        var end = await WalPositionAsync();
        // The tests' server commits asynchronously: WAL can be read once the WAL writer has flushed it.
        for (var wait = 0; wait < 100 && !await app.WithDbAsync(db => db.Database
            .SqlQuery<bool>($"SELECT pg_current_wal_flush_lsn() >= {end}::pg_lsn AS \"Value\"").SingleAsync(Ct)); wait++)
        {
            await Task.Delay(50, Ct);
        }

        // Other tests' writes fall in the same range: only records on the customers table count.
        var records = await app.WithDbAsync(db => db.Database.SqlQuery<CustomersWalRecord>($"""
            SELECT record_type, count(*)::int AS count
            FROM pg_get_wal_records_info({start}::pg_lsn, {end}::pg_lsn)
            WHERE resource_manager = 'Heap' AND block_ref LIKE '%/' || pg_relation_filenode('customers') || ' %'
            GROUP BY record_type
            """).ToListAsync(Ct));
        records.Where(r => r.RecordType.Contains("UPDATE", StringComparison.Ordinal)).Sum(r => r.Count).ShouldBeGreaterThanOrEqualTo(20);
        records.Where(r => r.RecordType == "LOCK").ShouldBeEmpty();
    }

    private Task<string> WalPositionAsync() => app.WithDbAsync(db =>
        db.Database.SqlQueryRaw<string>("""SELECT pg_current_wal_insert_lsn()::text AS "Value" """).SingleAsync(Ct));

    private sealed record CustomersWalRecord(string RecordType, int Count);
}

/// <summary>
/// The database itself keeps every customer in an existing tenant, whatever the code above it
/// does: a foreign key on SQLite; on PostgreSQL, triggers that check once per statement.
/// </summary>
public abstract class TenantIntegrityTests(CustomersApp app)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_of_a_tenant_that_does_not_exist_is_refused_and_nothing_of_the_statement_is_kept()
    {
        var tenant = await app.CreateTenantAsync();
        var missing = await MissingTenantIdAsync();

        var error = await Should.ThrowAsync<DbUpdateException>(() => app.WithDbAsync(db =>
        {
            db.Customers.AddRange(NewCustomer(tenant.Id, "Kept Nowhere"), NewCustomer(missing, "Nobody's"));
            return db.SaveChangesAsync(Ct);
        }));

        IsForeignKeyViolation(error).ShouldBeTrue(error.ToString());
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id || c.TenantId == missing, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_customer_moves_only_to_a_tenant_that_exists()
    {
        var from = await BareTenantAsync();
        var to = await BareTenantAsync();
        var missing = await MissingTenantIdAsync();
        await InsertCustomerAsync(from, "Moving Person");

        var error = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.Customers.Where(c => c.TenantId == from).ExecuteUpdateAsync(s => s.SetProperty(c => c.TenantId, missing), Ct)));
        IsForeignKeyViolation(error).ShouldBeTrue(error.ToString());

        (await app.WithDbAsync(db =>
            db.Customers.Where(c => c.TenantId == from).ExecuteUpdateAsync(s => s.SetProperty(c => c.TenantId, to), Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_tenant_with_customers_cannot_be_deleted_or_renumbered_and_one_without_can()
    {
        var tenant = await BareTenantAsync();
        await InsertCustomerAsync(tenant, "Staying Put");
        var missing = await MissingTenantIdAsync();

        var deleting = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.Tenants.Where(t => t.Id == tenant).ExecuteDeleteAsync(Ct)));
        IsForeignKeyViolation(deleting).ShouldBeTrue(deleting.ToString());
        var renumbering = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE tenants SET tenant_id = {missing} WHERE tenant_id = {tenant}", Ct)));
        IsForeignKeyViolation(renumbering).ShouldBeTrue(renumbering.ToString());
        (await app.WithDbAsync(db => db.Tenants.CountAsync(t => t.Id == tenant, Ct))).ShouldBe(1);

        await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant).ExecuteDeleteAsync(Ct));
        (await app.WithDbAsync(db => db.Tenants.Where(t => t.Id == tenant).ExecuteDeleteAsync(Ct))).ShouldBe(1);
    }

    private Task<int> MissingTenantIdAsync() => app.WithDbAsync(async db => await db.Tenants.MaxAsync(t => t.Id, Ct) + 1_000_000);

    /// <summary>A tenant with nothing else pointing at it (no users, no counters), so only its customers can hold it.</summary>
    private Task<int> BareTenantAsync() => app.WithDbAsync(async db =>
    {
        var tenant = new Tenant { Name = $"Bare {Guid.NewGuid():N}", CreatedAt = DateTime.UtcNow };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(Ct);
        return tenant.Id;
    });

    // Plain SQL: EF Core's SaveChanges would also write statistics counters, which point at the tenant too.
    private Task<int> InsertCustomerAsync(int tenantId, string name) => app.WithDbAsync(db =>
    {
        var now = DateTime.UtcNow;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO customers (tenant_id, name, phone, has_split_payment, reminder_opt_in, reminder_preference, is_login_enabled, archived, is_active, created_at, updated_at)
            VALUES ({tenantId}, {name}, {"+447700900700"}, {false}, {false}, {"sms"}, {false}, {false}, {true}, {now}, {now})
            """, Ct);
    });

    private static Customer NewCustomer(int tenantId, string name) =>
        new() { TenantId = tenantId, Name = name, Phone = "+447700900701", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };

    private static bool IsForeignKeyViolation(Exception error) => (error is DbUpdateException { InnerException: { } inner } ? inner : error) switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal),
        _ => false,
    };
}
