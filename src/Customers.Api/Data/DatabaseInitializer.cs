using Microsoft.Extensions.Options;

namespace Customers.Api.Data;

/// <summary>Applies migrations (when enabled) and seeds the demo data into an empty database, before the server starts.</summary>
public sealed partial class DatabaseInitializer(
    IServiceProvider services,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<DemoOptions> demoOptions,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        if (databaseOptions.Value.MigrateOnStartup)
        {
            await MigrateAsync(db, clock, cancellationToken);
        }
        // Structural guard: Production never seeds, whatever the configuration says.
        if (demoOptions.Value.Seed && !environment.IsProduction())
        {
            var seeded = await DemoSeed.SeedIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<User>>(), cancellationToken);
            if (seeded)
            {
                LogSeeded(logger);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A migration that builds an index over millions of customers takes minutes, not the 30 s
        // an ordinary command may.
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
        // Customers written before the statistics counters existed are counted once.
        await StatCounters.FillMissingAsync(db, clock.UtcNow(), cancellationToken);
        if (!db.IsPostgres)
        {
            // WAL lets readers carry on while one request writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Seeded the demo tenants, users and customers")]
    private static partial void LogSeeded(ILogger logger);
}
