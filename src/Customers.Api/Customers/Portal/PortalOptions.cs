namespace Customers.Api.Customers.Portal;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The invitation link; {token} is replaced. The token goes after '#', so it never reaches a
    /// server's access log.
    /// </summary>
    public string InvitationUrl { get; set; } = "http://localhost:5080/set-password#token={token}";

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
