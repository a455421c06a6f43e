using Microsoft.AspNetCore.Authorization;

namespace Customers.Api.Auth;

/// <summary>
/// The tenant rule for every route under <c>/api/tenants/{tenantId}</c>, enforced once on the
/// route group: platform admins reach every tenant; staff only their own; a customer (portal
/// login) only endpoints marked with <see cref="CustomerPortalAccess"/> and only their own record.
/// </summary>
public sealed class TenantAccessRequirement : IAuthorizationRequirement;
