namespace Customers.Api.Data.Postgres;

public sealed class PostgresDatabaseSetup : IDatabaseSetup
{
    public string Name => "PostgreSQL";

    public Task AfterMigrateAsync(CustomersDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    // The seed inserts tenants 1 and 2 by id: move the identity past them.
    public Task AfterSeedAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            "SELECT setval(pg_get_serial_sequence('tenants', 'tenant_id'), (SELECT max(tenant_id) FROM tenants))", cancellationToken);
}
