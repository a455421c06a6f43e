using Microsoft.Data.Sqlite;

namespace Customers.Api.Data.Sqlite;

public static class SqliteRegistration
{
    /// <summary>The context on SQLite and this provider's implementation of each data seam.</summary>
    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services, string? connectionString, string contentRoot)
    {
        var resolved = ConnectionString(connectionString, contentRoot);
        // Pooled: docs/adr/20261130-pooled-dbcontexts.md
        services.AddDbContextPool<CustomersDbContext, SqliteCustomersDbContext>(options =>
            options.UseSqlite(resolved).UseSnakeCaseNamingConvention());
        services.AddSingleton<IDatabaseSetup, SqliteDatabaseSetup>();
        services.AddSingleton<ICustomerSearch, SqliteCustomerSearch>();
        services.AddSingleton<ICustomerBulkWriter, SqliteCustomerBulkWriter>();
        services.AddSingleton<SqliteStatCounterStore>();
        services.AddSingleton<IStatCounterStore>(sp => sp.GetRequiredService<SqliteStatCounterStore>());
        services.AddSingleton<ICustomerStateChanger, SqliteCustomerStateChanger>();
        services.AddSingleton<IImportJobClaims, SqliteImportJobClaims>();
        return services;
    }

    /// <summary>The embedded default: a file under data/ (beside the content root), created on first start.</summary>
    private static string ConnectionString(string? configured, string contentRoot)
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
