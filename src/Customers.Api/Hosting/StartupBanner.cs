using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Customers.Api.Hosting;

public static class StartupBanner
{
    /// <summary>Tells a newcomer where the service is and how to log in.</summary>
    public static void PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://127.0.0.1:5080";
            var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.SeedsIn(app.Environment);
            var lines = new List<string>
            {
                "",
                $"Customers service is running at {url}",
                $"  Office web app: {url}/",
                $"  API reference:  {url}/docs",
                $"  OpenAPI:        {url}/openapi/v1.json",
                $"  Health:         {url}/health/ready",
            };
            if (demo)
            {
                lines.Add($"  Demo logins (password '{DemoSeed.DemoPassword}'):");
                lines.AddRange(DemoSeed.DemoUsers.Select(u =>
                    $"    {u.Username,-16} {u.Role,-15} {(u.TenantId is { } t ? $"tenant {t}" : "all tenants")}"));
                lines.Add($"  Try: curl -s -X POST {url}/api/auth/login -H 'Content-Type: application/json' -d '{{\"username\":\"admin@demo\",\"password\":\"{DemoSeed.DemoPassword}\"}}'");
            }
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}
