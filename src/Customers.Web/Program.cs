using Customers.Web.Api;
using Customers.Web.Session;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;

namespace Customers.Web;

// A named class in a namespace, not top-level statements: the host's Program stays the only global one.
internal static class Program
{
    private static async Task Main(string[] args)
    {
        var builder = WebAssemblyHostBuilder.CreateDefault(args);
        builder.RootComponents.Add<App>("#app");
        builder.RootComponents.Add<HeadOutlet>("head::after");

        // The API is served by the same host, under /api.
        builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
        builder.Services.AddScoped<UserSession>();
        builder.Services.AddScoped<CustomersClient>();
        builder.Services.AddMudServices(config =>
        {
            // Confirmations appear at once (a half-faded one is hard to read) and stay long enough to read.
            config.SnackbarConfiguration.ShowTransitionDuration = 0;
            config.SnackbarConfiguration.VisibleStateDuration = 6000;
        });

        var host = builder.Build();
        // A reload keeps the tab's sign-in.
        await host.Services.GetRequiredService<UserSession>().RestoreAsync();
        await host.RunAsync();
    }
}
