namespace Customers.Api.Data;

/// <summary>What each provider does once a database is migrated or seeded.</summary>
public interface IDatabaseSetup
{
    /// <summary>The provider's name for people: "SQLite", "PostgreSQL".</summary>
    string Name { get; }

    /// <summary>Runs after the migrations, at every start.</summary>
    Task AfterMigrateAsync(CustomersDbContext db, CancellationToken cancellationToken);

    /// <summary>Runs after the demo seed, which inserts its tenants with explicit ids, in the seed's transaction.</summary>
    Task AfterSeedAsync(CustomersDbContext db, CancellationToken cancellationToken);
}
