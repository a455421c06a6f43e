namespace Customers.Api.Auth;

/// <summary>A login. Platform admins have no tenant; portal users point at their customer.</summary>
public class User
{
    public int Id { get; set; }
    public int? TenantId { get; set; }
    public required string Username { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public int? CustomerId { get; set; }

    /// <summary>How other staff see this user ("who archived this?"); the username when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>A disabled user cannot sign in, and their tokens stop working at once.</summary>
    public bool Disabled { get; set; }
    public DateTime? LastLoginAt { get; set; }

    /// <summary>
    /// Changes whenever the user's access changes (disabled, password set, role changed): tokens
    /// carry the stamp they were issued with, and one with an old stamp is refused.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    public DateTime CreatedAt { get; set; }
}
