namespace Customers.Api.Customers.Import;

public static class ImportRegistration
{
    /// <summary>CSV import jobs: options and the background processor (claims jobs from the database).</summary>
    public static IHostApplicationBuilder AddCustomerImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        builder.Services.AddSingleton<ImportBatchWriter>();
        builder.Services.AddSingleton<ImportProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportProcessor>());
        return builder;
    }
}
