namespace Customers.Api.Customers.Import;

/// <summary>
/// The old values of the fields one import row changed, kept for the job's revert (§8) for 30
/// days. One row per customer row, so an erasure removes a customer's old values with the rest.
/// </summary>
public class ImportUpdatedRow
{
    public int TenantId { get; set; }
    public long JobId { get; set; }
    public int Row { get; set; }
    public int CustomerId { get; set; }

    /// <summary>The changed fields as they were (a JSON object in the API's field names); null once reverted or erased.</summary>
    public string? Before { get; set; }
    public DateTime WrittenAt { get; set; }
    public bool Reverted { get; set; }

    /// <summary>The revert left this customer as it was: it changed after the import.</summary>
    public bool Skipped { get; set; }
}
