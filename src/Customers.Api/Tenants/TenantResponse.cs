namespace Customers.Api.Tenants;

public sealed record TenantResponse(int TenantId, string Name, DateTime CreatedAt);
