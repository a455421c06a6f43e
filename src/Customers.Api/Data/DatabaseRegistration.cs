using Customers.Api.Data.Postgres;
using Customers.Api.Data.Sqlite;

namespace Customers.Api.Data;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Customers";

    /// <summary>
    /// Registers <see cref="CustomersDbContext"/> and each data seam on the provider named by
    /// Database:Provider (chosen here, once), then migrations and the demo seed at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddCustomersDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);

        var provider = builder.Configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptions.Sqlite;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseOptions.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Customers is required when Database:Provider is postgres");
            }
            builder.Services.AddPostgresDatabase(connectionString);
        }
        else
        {
            builder.Services.AddSqliteDatabase(connectionString, builder.Environment.ContentRootPath);
        }

        builder.Services.AddHostedService<DatabaseInitializer>();
        // Merges the search index's pending entries after bulk writes (idle where there are none).
        builder.Services.AddSingleton<SearchIndexMerger>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexMerger>());
        builder.Services.AddHealthChecks().AddDbContextCheck<CustomersDbContext>("database", tags: ["ready"]);
        return builder;
    }
}
