namespace Customers.Api.Tenants;

public class Tenant
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When its statistics counters were last rebuilt from its customers (StatsRecounter).</summary>
    public DateTime? StatsRecountedAt { get; set; }
}
