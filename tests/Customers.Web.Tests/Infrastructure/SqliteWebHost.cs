using Microsoft.AspNetCore.Hosting;

namespace Customers.Web.Tests.Infrastructure;

/// <summary>The service and its web app on a real socket, its reminders going to loopback SMTP and SMS.</summary>
public sealed class SqliteWebHost : SqliteApp, IWebHost
{
    public string BaseUrl { get; private set; } = "";

    public CustomersApp App => this;

    public ReminderChannelsForTests Channels { get; } = new();

    // Imports run in the background as in production (the API tests drive them by hand).
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(Channels.Settings) { ["Imports:ProcessJobs"] = "true", ["Imports:PollInterval"] = "00:00:00.200" };

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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}
