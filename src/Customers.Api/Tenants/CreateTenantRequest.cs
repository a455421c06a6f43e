namespace Customers.Api.Tenants;

public sealed record CreateTenantRequest(string? Name);
