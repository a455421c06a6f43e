using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Customers.Api.Telemetry;

/// <summary>
/// OpenTelemetry (§12): traces and metrics of ASP.NET Core, HttpClient (the SMS provider), Npgsql
/// and <see cref="CustomersMetrics"/>. Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set (the standard OTEL_* variables choose protocol, headers and service name); served to
/// Prometheus at <c>/metrics</c> when <c>Telemetry:Prometheus</c> is true.
/// </summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "customers-api";

    public static IHostApplicationBuilder AddCustomersTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomersMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = builder.Configuration.GetValue<bool>(PrometheusSetting);
        if (!otlp && !prometheus)
        {
            // Nothing would read them: no listeners, no cost on the request path.
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(CustomersMetrics.MeterName, "Npgsql");
                if (prometheus)
                {
                    // Scrapes come every 15–60 s: no need for the exporter's cached answer.
                    metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    public static WebApplication MapCustomersTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(PrometheusSetting))
        {
            // Counts and durations only (no personal data); keep it off the public side of the proxy.
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().DisableRateLimiting();
        }
        return app;
    }

    private const string PrometheusSetting = "Telemetry:Prometheus";

    // Load balancers' health probes would be most of the traces and say nothing.
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health");
}
