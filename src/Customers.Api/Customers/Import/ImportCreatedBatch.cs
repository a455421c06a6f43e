namespace Customers.Api.Customers.Import;

/// <summary>
/// The customers one batch of an import created, kept for its revert (§8) for 30 days: one row
/// per batch (ids only, no personal data), written in the batch's own transaction.
/// </summary>
public class ImportCreatedBatch
{
    public int TenantId { get; set; }
    public long JobId { get; set; }

    /// <summary>The batch's first file row: unique within a job.</summary>
    public int FirstRow { get; set; }

    /// <summary>JSON array of the created customers' ids.</summary>
    public string CustomerIds { get; set; } = "[]";

    /// <summary>When they were written: a customer whose <c>updated_at</c> differs changed since.</summary>
    public DateTime WrittenAt { get; set; }
    public bool Reverted { get; set; }

    /// <summary>JSON array of the customers the revert left (changed or deleted since the import).</summary>
    public string? SkippedIds { get; set; }
}
