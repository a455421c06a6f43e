namespace Customers.Api.Tests.Infrastructure;

/// <summary>The background import processor running as in production, with a poll interval too long to wait for.</summary>
public sealed class ProcessingSqliteApp : SqliteApp
{
    /// <summary>Processing on, and a poll interval that no test waits for: only an upload's wake-up starts a job.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProcessorSettings = new Dictionary<string, string>
    {
        ["Imports:ProcessJobs"] = "true",
        ["Imports:PollInterval"] = "01:00:00",
    };

    protected override IReadOnlyDictionary<string, string> Settings { get; } = ProcessorSettings;
}
