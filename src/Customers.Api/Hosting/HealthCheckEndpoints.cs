using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Customers.Api.Hosting;

public static class HealthCheckEndpoints
{
    public static WebApplication MapCustomersHealthChecks(this WebApplication app)
    {
        // Liveness: the process answers. Readiness: the database answers too. Never rate-limited:
        // a flood of other requests must not make a load balancer think the instance is down.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
