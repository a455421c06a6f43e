namespace Customers.Api.Customers.Stats;

public sealed class StatsOptions
{
    public const string Section = "Stats";

    /// <summary>How often each tenant's counters are rebuilt from its customers (repairs any drift).</summary>
    public TimeSpan RecountEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often an instance looks for tenants due a recount.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Run the recounts in this instance (off for web-only instances).</summary>
    public bool RecountTenants { get; set; } = true;
}
