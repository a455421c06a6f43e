using Microsoft.AspNetCore.Identity;

namespace Customers.Api.Tenants;

public sealed record CreateTenantRequest(string? Name);
