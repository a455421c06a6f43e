namespace Customers.Api.Tenants;

public sealed record CreateUserRequest(string? Username, string? Password, string? Role);
