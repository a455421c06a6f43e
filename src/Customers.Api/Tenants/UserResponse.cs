namespace Customers.Api.Tenants;

public sealed record UserResponse(int UserId, int? TenantId, string Username, string Role, DateTime CreatedAt);
