using Customers.Api.Customers.Import;
using Customers.Api.Customers.Stats;

namespace Customers.Api.Extensions;

public static class ImportExtensions
{
    /// <summary>CSV import jobs: options and the background processor (claims jobs from the database).</summary>
    public static IHostApplicationBuilder AddCustomerImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        builder.Services.AddSingleton<ImportProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportProcessor>());
        return builder;
    }

    /// <summary>The daily rebuild of every tenant's statistics counters (claimed per tenant in the database).</summary>
    public static IHostApplicationBuilder AddStatsRecounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatsOptions>().BindConfiguration(StatsOptions.Section);
        builder.Services.AddSingleton<StatsRecounter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StatsRecounter>());
        return builder;
    }
}
