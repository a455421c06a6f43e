namespace Customers.Api.Customers.Stats;

/// <summary>
/// One change to one of a tenant's statistics counters. Every write to customers appends the
/// net change it made (a 500-row archive appends a dozen rows, not 500), in the same transaction,
/// so a tenant's figures are the sums of its rows: `GET /stats` reads a few hundred rows instead
/// of scanning a million customers. Appending never blocks another writer; reads fold old rows
/// together from time to time (<see cref="IStatCounterStore.CompactAsync"/>).
/// </summary>
public class CustomerStatDelta
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    public required string Metric { get; set; }

    /// <summary>What the metric is broken down by ("" when it is not): a paying org, a preference, "monday 08:30", "2026-11".</summary>
    public string Key { get; set; } = "";
    public int Delta { get; set; }
}
