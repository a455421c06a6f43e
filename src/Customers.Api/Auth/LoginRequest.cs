namespace Customers.Api.Auth;

public sealed record LoginRequest(string? Username, string? Password);
