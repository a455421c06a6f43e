namespace Customers.Api.Hosting;

public static class DataRetentionRegistration
{
    /// <summary>The hourly purge of what is kept only for a while (<see cref="DataPurger"/>).</summary>
    public static IHostApplicationBuilder AddDataRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataRetentionOptions>().BindConfiguration(DataRetentionOptions.Section)
            .Validate(o => o.ImportErrorRows > TimeSpan.Zero && o.PurgeEvery > TimeSpan.Zero, "DataRetention periods must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<DataPurger>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataPurger>());
        return builder;
    }
}
