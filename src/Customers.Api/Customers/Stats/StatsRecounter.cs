using Microsoft.Extensions.Options;

namespace Customers.Api.Customers.Stats;

/// <summary>
/// Rebuilds each tenant's statistics counters once per <see cref="StatsOptions.RecountEvery"/>,
/// so that a count skewed by two requests racing on one customer does not last. Any number of
/// instances may run it: a conditional UPDATE of the tenant's <c>stats_recounted_at</c> lets
/// exactly one of them take each tenant.
/// </summary>
public sealed partial class StatsRecounter(
    IServiceScopeFactory scopes,
    IOptions<StatsOptions> options,
    IStatCounterStore store,
    TimeProvider clock,
    ILogger<StatsRecounter> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.RecountTenants ? Task.CompletedTask : BackgroundLoop.RunAsync(async stopping =>
        {
            await Task.Delay(options.Value.CheckEvery, clock, stopping);
            await RecountDueTenantsAsync(stopping);
            return true;
        }, (e, _) =>
        {
            LogRecountFailed(logger, e);
            return Task.CompletedTask;
        }, stoppingToken);

    /// <summary>
    /// Recounts every tenant (or just <paramref name="onlyTenantId"/>) not recounted within the
    /// interval that no other instance took first. Returns how many.
    /// </summary>
    public async Task<int> RecountDueTenantsAsync(CancellationToken cancellationToken, int? onlyTenantId = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var now = clock.UtcNow();
        var dueBefore = now - options.Value.RecountEvery;
        var due = await db.Tenants.AsNoTracking()
            .Where(t => t.StatsRecountedAt == null || t.StatsRecountedAt < dueBefore)
            .Where(t => onlyTenantId == null || t.Id == onlyTenantId)
            .OrderBy(t => t.Id)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        var recounted = 0;
        foreach (var tenantId in due)
        {
            // The claim: only the instance whose UPDATE still finds the tenant due recounts it.
            var claimed = await db.Tenants
                .Where(t => t.Id == tenantId && (t.StatsRecountedAt == null || t.StatsRecountedAt < dueBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.StatsRecountedAt, now), cancellationToken);
            if (claimed == 1)
            {
                await StatCounters.RecountAsync(db, store, tenantId, cancellationToken);
                recounted++;
            }
        }
        return recounted;
    }

    [LoggerMessage(LogLevel.Error, "Recounting the statistics counters failed; trying again later")]
    private static partial void LogRecountFailed(ILogger logger, Exception exception);
}
