namespace Customers.Api.Idempotency;

/// <summary>
/// The first response to a request sent with an Idempotency-Key, kept for 24 hours so that a
/// retry with the same key and body gets it again without the work being done twice. Lives in
/// the database so that every instance of the service sees it.
/// </summary>
public class IdempotencyRecord
{
    public int TenantId { get; set; }
    public int UserId { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? Location { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// While the first request runs, its instance renews this every few seconds; a claim whose
    /// lease ran out belonged to an instance that died, and the key may be used again.
    /// </summary>
    public DateTime LeaseUntil { get; set; }
    public DateTime? CompletedAt { get; set; }
}
