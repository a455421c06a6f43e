using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Customers.Api.Data;

/// <summary>Applies migrations (when enabled) and seeds the demo data into an empty database, before the server starts.</summary>
public sealed partial class DatabaseInitializer(
    IServiceProvider services,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<DemoOptions> demoOptions,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        if (databaseOptions.Value.MigrateOnStartup)
        {
            await MigrateAsync(scope.ServiceProvider, cancellationToken);
        }
        // Structural guard: Production never seeds, whatever the configuration says.
        if (demoOptions.Value.SeedsIn(environment))
        {
            var seeded = await DemoSeed.SeedIfEmptyAsync(
                db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(), scope.ServiceProvider.GetRequiredService<IDatabaseSetup>(), cancellationToken);
            if (seeded)
            {
                LogSeeded(logger);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies pending migrations with the scope's context, then what every start needs.</summary>
    public static async Task MigrateAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        var db = scope.GetRequiredService<CustomersDbContext>();
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
        await StatCounters.FillMissingAsync(db, scope.GetRequiredService<IStatCounterStore>(), scope.GetRequiredService<TimeProvider>().UtcNow(), cancellationToken);
        await scope.GetRequiredService<IDatabaseSetup>().AfterMigrateAsync(db, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Seeded the demo tenants, users and customers")]
    private static partial void LogSeeded(ILogger logger);
}
