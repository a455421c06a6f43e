namespace Customers.Api.Tests.Telemetry;

/// <summary>
/// Meters are listened to by name across the process, so a scrape would also count what other
/// test classes' services do meanwhile: these classes run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "Metrics";
}
