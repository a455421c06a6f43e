namespace Customers.Api.Tests.Infrastructure;

/// <summary>A service with tiny limits, so that the test reaches them quickly.</summary>
public sealed class RateLimitedApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:HeavyPerMinute"] = "2",
        ["RateLimits:PerMinute"] = "5",
    };
}
