namespace Customers.Api.Tests.Data;

public sealed class MigrationSqliteTests(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationPostgresTests(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Hand_written_schema_objects_exist()
    {
        // What EF Core cannot declare, created by the initial migration's SQL (its .Sql.cs part).
        var objects = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""
            SELECT indexname AS "Value" FROM pg_indexes WHERE tablename = 'customers' AND indexname IN ('ix_customers_tenant_search_trgm', 'ix_customers_phone_lower_name')
            UNION ALL
            SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
            """).ToListAsync(TestContext.Current.CancellationToken));

        objects.Order(StringComparer.Ordinal).ShouldBe([
            "customers_check_changed_tenant", "customers_check_new_tenants", "ix_customers_phone_lower_name",
            "ix_customers_tenant_search_trgm", "tenants_keep_customers_on_delete", "tenants_keep_customers_on_update"]);
    }
}

/// <summary>Each provider's migrations build the model exactly, and only go forward from here.</summary>
public abstract class MigrationTests(CustomersApp app)
{
    [Fact]
    public void Model_has_no_change_missing_from_the_migrations() =>
        app.WithDb(db => db.Database.HasPendingModelChanges()).ShouldBeFalse(
            "the model changed without a migration: add one to both providers (see CustomersDbContext)");

    [Fact]
    public async Task Database_is_migrated_to_the_latest_migration()
    {
        var (applied, all) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ToList(), db.Database.GetMigrations().ToList()));

        applied.ShouldBe(all);
        all.ShouldNotBeEmpty();
    }
}
