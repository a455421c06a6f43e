namespace Customers.Api.Customers.Stats;

public static class RecountStatsCommand
{
    /// <summary>`recount-stats`: replaces every tenant's statistics counters with a fresh count of its customers.</summary>
    public static async Task RecountStatsAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IStatCounterStore>();
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        foreach (var tenantId in tenants)
        {
            await StatCounters.RecountAsync(db, store, tenantId, CancellationToken.None);
        }
        Console.WriteLine($"Statistics recounted for {tenants.Count} tenant(s).");
    }
}
