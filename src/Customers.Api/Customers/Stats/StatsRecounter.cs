using Microsoft.Extensions.Options;

namespace Customers.Api.Customers.Stats;

public sealed class StatsOptions
{
    public const string Section = "Stats";

    /// <summary>How often each tenant's counters are rebuilt from its customers (repairs any drift).</summary>
    public TimeSpan RecountEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often an instance looks for tenants due a recount.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Run the recounts in this instance (off for web-only instances).</summary>
    public bool RecountTenants { get; set; } = true;
}

/// <summary>
/// Rebuilds each tenant's statistics counters once per <see cref="StatsOptions.RecountEvery"/>,
/// so that a count skewed by two requests racing on one customer does not last. Any number of
/// instances may run it: a conditional UPDATE of the tenant's <c>stats_recounted_at</c> lets
/// exactly one of them take each tenant.
/// </summary>
public sealed partial class StatsRecounter(
    IServiceScopeFactory scopes,
    IOptions<StatsOptions> options,
    TimeProvider clock,
    ILogger<StatsRecounter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RecountTenants)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.CheckEvery, clock, stoppingToken);
                await RecountDueTenantsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRecountFailed(logger, e);
            }
        }
    }

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
                await StatCounters.RecountAsync(db, tenantId, cancellationToken);
                recounted++;
            }
        }
        return recounted;
    }

    [LoggerMessage(LogLevel.Error, "Recounting the statistics counters failed; trying again later")]
    private static partial void LogRecountFailed(ILogger logger, Exception exception);
}
