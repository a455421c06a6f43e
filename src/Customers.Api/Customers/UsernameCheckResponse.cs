namespace Customers.Api.Customers;

public sealed record UsernameCheckResponse(string Username, bool Valid, bool Available, string? Reason);
