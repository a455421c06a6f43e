namespace Customers.Api.Users;

/// <summary>A staff user as admins see them (SPEC §2).</summary>
public sealed record UserResponse(
    int Id, int? TenantId, string Username, string? DisplayName, string Role, bool Disabled, DateTime CreatedAt, DateTime? LastLoginAt)
{
    public static UserResponse From(User u) => new(u.Id, u.TenantId, u.Username, u.DisplayName, u.Role, u.Disabled, u.CreatedAt, u.LastLoginAt);
}
