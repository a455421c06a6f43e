// `healthcheck` probes a running instance's /health/ready (the container's health check) and exits.
if (args is ["healthcheck", ..])
{
    Environment.ExitCode = await HealthProbe.RunAsync();
    return;
}

// A published service serves the web app from its own folder, wherever it is started from.
var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Directory.Exists(publishedWebRoot) ? publishedWebRoot : null,
});

// JSON request bodies up to 10 MB (§9); the import endpoint sets its own limit.
const long MaxJsonBodyBytes = 10 * 1024 * 1024;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxJsonBodyBytes);

// SQLite (embedded default) or PostgreSQL, migrations and demo seed at start-up.
builder.AddCustomersDatabase();

// JWT bearer tokens, roles and the tenant rule.
builder.AddCustomersAuth();

// Problem details (with the seed's `error` member) for every error, snake_case JSON.
builder.AddCustomersErrorHandling();

// Per-user rate limits, stricter for bulk, export and import; logins per client address.
builder.AddCustomersForwardedHeaders();
builder.AddCustomersRateLimits();

// OpenAPI document and the /docs reference.
builder.AddCustomersOpenApi();

// CSV import jobs, processed in the background by whichever instance claims them.
builder.AddCustomerImports();

// Statistics counters rebuilt from the customers once a day, by whichever instance claims each tenant.
builder.AddStatsRecounts();

// Reminder channels: SMTP email and an HTTP SMS provider.
builder.AddCustomerReminders();

// Deletes what is kept only for a while: replay answers, old failed import rows, leftover files.
builder.AddDataRetention();

builder.Services.AddSingleton(TimeProvider.System);

// Traces and metrics by OpenTelemetry: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, /metrics when Telemetry:Prometheus is.
builder.AddCustomersTelemetry();

var app = builder.Build();

// `dotnet run -- migrate` (or `Customers.Api migrate`) applies migrations and exits: for deploy pipelines.
if (args.Contains("migrate"))
{
    await app.MigrateAndExitAsync();
    return;
}
// `recount-stats` rebuilds the statistics counters from the customers (repairs any drift).
if (args.Contains("recount-stats"))
{
    await app.RecountStatsAndExitAsync();
    return;
}

// The real client behind the configured proxies, for rate limits and logs.
app.UseForwardedHeaders();
// nosniff everywhere; no-store on the API's answers (they hold personal and health data).
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit(MaxJsonBodyBytes);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
// Replays (or refuses) repeated create and bulk requests that carry an Idempotency-Key.
app.UseMiddleware<IdempotencyMiddleware>();

app.MapCustomersHealthChecks();
app.MapCustomersTelemetry();
app.MapCustomersOpenApi();
app.MapAuthApi().MapPortalPasswordApi();
app.MapTenantsApi();
app.MapUsersApi();
app.MapAuditApi();
app.MapComplianceReportApi();
app.MapCustomersApi()
    .MapCustomerStatsApi()
    .MapCustomerBulkApi()
    .MapCustomerCsvApi()
    .MapCustomerImportsApi()
    .MapCustomerRemindersApi()
    .MapCustomerPrivacyApi()
    .MapCustomerPortalApi();
app.MapCustomersWebApp();

app.PrintStartupBanner();
await app.RunAsync();

public partial class Program;
