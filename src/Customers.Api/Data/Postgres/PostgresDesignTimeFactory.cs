using Microsoft.EntityFrameworkCore.Design;

namespace Customers.Api.Data.Postgres;

// `dotnet ef migrations add` builds the context from this, without the web host. Nothing
// connects at design time; the connection string only picks the provider.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCustomersDbContext>
{
    public PostgresCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCustomersDbContext>()
            .UseNpgsql("Host=localhost;Database=customers_design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
