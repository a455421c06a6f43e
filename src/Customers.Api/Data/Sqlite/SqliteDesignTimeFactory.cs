using Microsoft.EntityFrameworkCore.Design;

namespace Customers.Api.Data.Sqlite;

// `dotnet ef migrations add` builds the context from this, without the web host. Nothing
// connects at design time; the connection string only picks the provider.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCustomersDbContext>
{
    public SqliteCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCustomersDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseSnakeCaseNamingConvention()
            .Options);
}
