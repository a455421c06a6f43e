namespace Customers.Api.Tests.Infrastructure;

/// <summary>A service with tiny limits, so that the test reaches them quickly, behind one known proxy.</summary>
public sealed class RateLimitedApp : SqliteApp
{
    public const string Proxy = "10.9.9.9";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:HeavyPerMinute"] = "2",
        ["RateLimits:PerMinute"] = "5",
        ["RateLimits:LoginPerMinute"] = "3",
        ["Proxy:KnownProxies:0"] = Proxy,
    };
}
