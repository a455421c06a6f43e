namespace Customers.Web.Api;

public sealed record UserResponse(int Id, string Username, string? DisplayName, string Role, bool Disabled, DateTime CreatedAt, DateTime? LastLoginAt);

public sealed record UserListResponse(IReadOnlyList<UserResponse> Users);
