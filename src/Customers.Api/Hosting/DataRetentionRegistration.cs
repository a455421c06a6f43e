namespace Customers.Api.Hosting;

public static class DataRetentionRegistration
{
    /// <summary>The hourly purge of what is kept only for a while (<see cref="DataPurger"/>).</summary>
    public static IHostApplicationBuilder AddDataRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataRetentionOptions>().BindConfiguration(DataRetentionOptions.Section)
            .Validate(o => o.ImportErrorRows > TimeSpan.Zero && o.PurgeEvery > TimeSpan.Zero, "DataRetention periods must be positive")
            .ValidateOnStart();
        // The compliance report's retention period (§7): a wrong value stops the start, not a report.
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Years is >= 1 and <= 100, "Retention:Years must be a whole number of years from 1 to 100")
            .ValidateOnStart();
        builder.Services.AddSingleton<DataPurger>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataPurger>());
        return builder;
    }
}
