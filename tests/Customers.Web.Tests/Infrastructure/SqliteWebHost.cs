using Microsoft.AspNetCore.Hosting;

namespace Customers.Web.Tests.Infrastructure;

public sealed class SqliteWebHost : SqliteApp, IWebHost
{
    public string BaseUrl { get; private set; } = "";

    public CustomersApp App => this;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        BaseUrl = WebHostStart.OnSocket(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WebHostStart.ServeTheWebApp(builder);
    }
}
