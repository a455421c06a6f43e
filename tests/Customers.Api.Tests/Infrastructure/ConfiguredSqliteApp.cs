using Microsoft.AspNetCore.Hosting;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>The service in a chosen environment with extra settings, for tests of what it does at start-up.</summary>
public sealed class ConfiguredSqliteApp(string environment, IReadOnlyDictionary<string, string> settings) : SqliteApp
{
    protected override IReadOnlyDictionary<string, string> Settings => settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }
}
