using Microsoft.EntityFrameworkCore.Design;

namespace Customers.Api.Data;

// `dotnet ef migrations add` builds each provider's context from these, without the web host.
// Nothing connects at design time; the connection strings only pick the provider.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCustomersDbContext>
{
    public SqliteCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCustomersDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseSnakeCaseNamingConvention()
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCustomersDbContext>
{
    public PostgresCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCustomersDbContext>()
            .UseNpgsql("Host=localhost;Database=customers_design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
