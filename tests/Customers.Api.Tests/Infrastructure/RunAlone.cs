namespace Customers.Api.Tests.Infrastructure;

/// <summary>
/// Tests that need the process to themselves run in this collection, after the parallel ones:
/// meters are listened to by name across the process (a scrape would count what other classes'
/// services do meanwhile), and a timing ratio is only meaningful on idle cores (the deployment
/// test's `dotnet publish` would take them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Run alone";
}
