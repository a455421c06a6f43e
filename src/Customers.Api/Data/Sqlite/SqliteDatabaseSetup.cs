namespace Customers.Api.Data.Sqlite;

public sealed class SqliteDatabaseSetup : IDatabaseSetup
{
    public string Name => "SQLite";

    // WAL lets readers carry on while one request writes.
    public Task AfterMigrateAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    // SQLite's rowid follows the largest id in the table.
    public Task AfterSeedAsync(CustomersDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
