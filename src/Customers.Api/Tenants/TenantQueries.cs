using System.Security.Claims;

namespace Customers.Api.Tenants;

public static class TenantQueries
{
    /// <summary>
    /// True when a platform admin names a tenant that does not exist. Staff are bound to their own
    /// (existing) tenant by their token, so they need no query.
    /// </summary>
    public static async Task<bool> IsUnknownTenantAsync(this CustomersDbContext db, ClaimsPrincipal user, int tenantId, CancellationToken cancellationToken) =>
        user.Role() == Roles.PlatformAdmin && !await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken);
}
