using System.Net;
using System.Net.Sockets;

namespace Customers.Api.Auth;

/// <summary>
/// Progressive delays for failed sign-ins, per account and client together (OWASP Authentication
/// Cheat Sheet): the <see cref="AuthOptions.MaxFailedLogins"/>th failure in a row refuses the pair
/// for a minute, each one after it for twice as long as the last (2, 4, 8… minutes, at most
/// <see cref="AuthOptions.LockoutMinutes"/>). Counted in the database, so every instance and
/// every concurrent guess counts.
/// </summary>
public static class LoginThrottles
{
    public const int MaxClientLength = 64;

    /// <summary>
    /// Who is signing in: the caller's address (the real client's once forwarded headers from a
    /// known proxy are applied), an IPv6 caller's /64 network, since one host commonly has many of
    /// its addresses.
    /// </summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    public static Task<bool> IsBlockedAsync(CustomersDbContext db, int userId, string client, DateTime now, CancellationToken cancellationToken) =>
        db.LoginThrottles.AnyAsync(t => t.UserId == userId && t.Client == client && t.BlockedUntil > now, cancellationToken);

    /// <summary>Counts one failure of the pair (an atomic upsert) and blocks it from the limit on; returns the block's end, if any.</summary>
    public static async Task<DateTime?> CountFailureAsync(
        CustomersDbContext db, int userId, string client, AuthOptions options, DateTime now, CancellationToken cancellationToken)
    {
        // The same statement on both databases (PostgreSQL, SQLite 3.35+); parameters, never text.
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO login_throttles (user_id, client, failed_count, last_failed_at)
            VALUES ({userId}, {client}, 1, {now})
            ON CONFLICT (user_id, client) DO UPDATE
                SET failed_count = login_throttles.failed_count + 1, last_failed_at = excluded.last_failed_at
            RETURNING failed_count AS "Value"
            """).ToListAsync(cancellationToken);
        var beyondLimit = failures[0] - options.MaxFailedLogins;
        if (beyondLimit < 0)
        {
            return null;
        }
        var minutes = Math.Min(options.LockoutMinutes, Math.Pow(2, Math.Min(beyondLimit, 20)));
        var until = now.AddMinutes(minutes);
        await db.LoginThrottles.Where(t => t.UserId == userId && t.Client == client)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, until), cancellationToken);
        return until;
    }

    /// <summary>A successful sign-in forgets the pair's failures.</summary>
    public static Task ForgetAsync(CustomersDbContext db, int userId, string client, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.UserId == userId && t.Client == client).ExecuteDeleteAsync(cancellationToken);
}
