namespace Customers.Api.Data.Postgres;

public static class PostgresRegistration
{
    /// <summary>The context on PostgreSQL and this provider's implementation of each data seam.</summary>
    public static IServiceCollection AddPostgresDatabase(this IServiceCollection services, string connectionString)
    {
        // Pooled: docs/adr/20261130-pooled-dbcontexts.md
        services.AddDbContextPool<CustomersDbContext, PostgresCustomersDbContext>(options =>
            options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());
        services.AddSingleton<IDatabaseSetup, PostgresDatabaseSetup>();
        services.AddSingleton<ICustomerSearch, PostgresCustomerSearch>();
        services.AddSingleton<ICustomerBulkWriter, PostgresCustomerBulkWriter>();
        services.AddSingleton<ICustomerStateChanger, PostgresCustomerStateChanger>();
        services.AddSingleton<IStatCounterStore, PostgresStatCounterStore>();
        services.AddSingleton<IImportJobClaims, PostgresImportJobClaims>();
        return services;
    }
}
