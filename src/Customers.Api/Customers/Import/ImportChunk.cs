namespace Customers.Api.Customers.Import;

/// <summary>One piece of an uploaded file, in order; stored before the upload is acknowledged.</summary>
public class ImportChunk
{
    public int TenantId { get; set; }
    public long JobId { get; set; }
    public int Sequence { get; set; }
    public required byte[] Data { get; set; }
}
