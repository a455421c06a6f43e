namespace Customers.Api.Customers.Portal;

/// <summary>
/// A one-time link for a customer to set their portal password (SPEC §2). Only the token's
/// SHA-256 is kept; it is spent by use, voided by a newer invitation, and dead after 7 days.
/// </summary>
public class PortalInvitation
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    public int CustomerId { get; set; }
    public int UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public int? CreatedBy { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Set when the password was set with it, or when a newer invitation replaced it.</summary>
    public DateTime? SpentAt { get; set; }
}
