namespace Customers.Api.Users;

public sealed record CreateUserRequest(string? Username, string? Password, string? Role, string? DisplayName);
