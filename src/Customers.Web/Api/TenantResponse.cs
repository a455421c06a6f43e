namespace Customers.Web.Api;

public sealed record TenantResponse(int TenantId, string Name);
