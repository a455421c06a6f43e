namespace Customers.Api.Users;

public sealed record SetPasswordRequest(string? Password);
