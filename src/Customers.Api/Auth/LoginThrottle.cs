namespace Customers.Api.Auth;

/// <summary>
/// Failed sign-ins of one account from one client (an IPv4 address or an IPv6 /64). Counted per
/// pair, so a stranger's guesses slow down only the stranger, never the account's owner signing
/// in from elsewhere.
/// </summary>
public class LoginThrottle
{
    public int UserId { get; set; }
    public required string Client { get; set; }
    public int FailedCount { get; set; }
    public DateTime LastFailedAt { get; set; }
    public DateTime? BlockedUntil { get; set; }
}
