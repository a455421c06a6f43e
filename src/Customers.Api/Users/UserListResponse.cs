namespace Customers.Api.Users;

public sealed record UserListResponse(IReadOnlyList<UserResponse> Users);
