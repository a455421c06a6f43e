using Microsoft.Data.Sqlite;

namespace Customers.Api.Extensions;

public static class DatabaseExtensions
{
    public const string ConnectionStringName = "Customers";

    /// <summary>Registers <see cref="CustomersDbContext"/> on the provider named by Database:Provider.</summary>
    public static IHostApplicationBuilder AddCustomersDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);

        var provider = builder.Configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptions.Sqlite;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        // Pooled contexts: a new context's first use built its internal services, ~0.4 ms of every
        // request (measured inside a bulk archive). EF Core resets a returned context's tracking,
        // transaction, connection and command timeout.
        if (provider == DatabaseOptions.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Customers is required when Database:Provider is postgres");
            }
            builder.Services.AddDbContextPool<CustomersDbContext, PostgresCustomersDbContext>(options =>
                options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());
        }
        else
        {
            connectionString = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            builder.Services.AddDbContextPool<CustomersDbContext, SqliteCustomersDbContext>(options =>
                options.UseSqlite(connectionString).UseSnakeCaseNamingConvention());
        }

        builder.Services.AddHostedService<DatabaseInitializer>();
        // Merges the search index's pending entries after bulk writes (PostgreSQL; idle on SQLite).
        builder.Services.AddSingleton<SearchIndexMerger>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexMerger>());
        builder.Services.AddHealthChecks().AddDbContextCheck<CustomersDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>The embedded default: a file under data/, created on first start.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/customers.db" : configured);
        if (csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        // Several requests write at once; wait for the lock instead of failing with SQLITE_BUSY.
        csb.DefaultTimeout = 30;
        return csb.ToString();
    }
}
