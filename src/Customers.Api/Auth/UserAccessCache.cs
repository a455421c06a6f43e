using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Customers.Api.Auth;

/// <summary>
/// Whether a token's user may still act: the user exists, is not disabled and has the security
/// stamp the token was issued with. Answered from a short per-instance cache
/// (<see cref="AuthOptions.AccessCacheSeconds"/>), so a warm request costs no database round
/// trip; a change made on this instance takes effect here at once, on other instances within
/// the cache's lifetime.
/// </summary>
public sealed class UserAccessCache(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<AuthOptions> options)
{
    private sealed record Access(string Stamp, bool Disabled);

    private static object Key(int userId) => (typeof(UserAccessCache), userId);

    public async ValueTask<bool> IsCurrentAsync(int userId, string stamp, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(Key(userId), out Access? access))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            access = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new Access(u.SecurityStamp, u.Disabled))
                .FirstOrDefaultAsync(cancellationToken);
            // A user that does not exist is remembered too: a token of a deleted user costs nothing either.
            cache.Set(Key(userId), access, TimeSpan.FromSeconds(options.Value.AccessCacheSeconds));
        }
        return access is { Disabled: false } && string.Equals(access.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>
    /// A portal customer's token is checked against the database on every request (portal traffic
    /// is light): turning login off, archiving, deleting or erasing the customer ends it at once on
    /// every instance, whichever of the many write paths made the change.
    /// </summary>
    public async Task<bool> IsPortalAccessCurrentAsync(int userId, string stamp, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        return await db.Users.AnyAsync(u => u.Id == userId && u.Role == Roles.Customer && u.SecurityStamp == stamp && !u.Disabled
            && db.Customers.Any(c => c.TenantId == u.TenantId && c.Id == u.CustomerId && c.IsLoginEnabled && !c.Archived && c.Username != null),
            cancellationToken);
    }

    /// <summary>Called after a change to the user's access, so this instance sees it at once.</summary>
    public void Forget(int userId) => cache.Remove(Key(userId));
}
