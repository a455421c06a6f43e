namespace Customers.Api.Customers.Stats;

public static class StatsRegistration
{
    /// <summary>The daily rebuild of every tenant's statistics counters (claimed per tenant in the database).</summary>
    public static IHostApplicationBuilder AddStatsRecounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatsOptions>().BindConfiguration(StatsOptions.Section);
        builder.Services.AddSingleton<StatsRecounter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StatsRecounter>());
        return builder;
    }
}
