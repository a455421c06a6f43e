using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Customers.Api.Extensions;

public static class HostingExtensions
{
    public static WebApplication MapCustomersHealthChecks(this WebApplication app)
    {
        // Liveness: the process answers. Readiness: the database answers too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    public static async Task MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await DatabaseInitializer.MigrateAsync(db, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        Console.WriteLine($"Migrations applied ({(db.IsPostgres ? "PostgreSQL" : "SQLite")}).");
    }

    /// <summary>`recount-stats`: replaces every tenant's statistics counters with a fresh count of its customers.</summary>
    public static async Task RecountStatsAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        foreach (var tenantId in tenants)
        {
            await StatCounters.RecountAsync(db, tenantId, CancellationToken.None);
        }
        Console.WriteLine($"Statistics recounted for {tenants.Count} tenant(s).");
    }

    /// <summary>Tells a newcomer where the service is and how to log in.</summary>
    public static void PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://127.0.0.1:5080";
            var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed && !app.Environment.IsProduction();
            var lines = new List<string>
            {
                "",
                $"Customers service is running at {url}",
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
