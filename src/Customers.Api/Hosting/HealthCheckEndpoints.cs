using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Customers.Api.Hosting;

public static class HealthCheckEndpoints
{
    public static WebApplication MapCustomersHealthChecks(this WebApplication app)
    {
        // Liveness: the process answers. Readiness: the database answers too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
