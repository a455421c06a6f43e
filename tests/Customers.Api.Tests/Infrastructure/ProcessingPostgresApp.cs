namespace Customers.Api.Tests.Infrastructure;

/// <summary>The background import processor running as in production, on PostgreSQL.</summary>
public sealed class ProcessingPostgresApp : PostgresApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = ProcessingSqliteApp.ProcessorSettings;
}
