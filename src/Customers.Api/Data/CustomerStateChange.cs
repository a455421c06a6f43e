namespace Customers.Api.Data;

/// <summary>
/// Which customers of which tenant go into which state, by whom and when; with
/// <see cref="OnlyIfUpdatedAt"/>, only those whose <c>updated_at</c> is still that (as an import left them).
/// </summary>
public sealed record CustomerStateChange(CustomerStateChangeKind Kind, int TenantId, int? UserId, int[] Ids, DateTime Now)
{
    public DateTime? OnlyIfUpdatedAt { get; init; }
}
