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
    public DateTime CreatedAt { get; set; }
}
