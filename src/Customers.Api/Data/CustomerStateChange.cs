namespace Customers.Api.Data;

/// <summary>Which customers of which tenant go into which state, by whom and when.</summary>
public sealed record CustomerStateChange(CustomerStateChangeKind Kind, int TenantId, int? UserId, int[] Ids, DateTime Now);
