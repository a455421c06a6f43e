namespace Customers.Api.Customers.Portal;

public sealed record SetPortalPasswordRequest(string? Token, string? Password);
