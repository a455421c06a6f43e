namespace Customers.Api.Customers.Import;

/// <summary>A row that failed: its cells as uploaded (JSON array) and why.</summary>
public class ImportRowError
{
    public int TenantId { get; set; }
    public long JobId { get; set; }
    public int Row { get; set; }
    public required string Cells { get; set; }
    public required string Error { get; set; }
}
