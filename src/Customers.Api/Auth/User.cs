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
    public int FailedLoginCount { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string TenantAdmin = "tenant_admin";
    public const string OfficeStaff = "office_staff";
    public const string Customer = "customer";

    public static readonly string[] All = [PlatformAdmin, TenantAdmin, OfficeStaff, Customer];
}
