namespace Customers.Api.Users;

/// <summary>Only the fields sent change; an empty display_name clears it.</summary>
public sealed record UpdateUserRequest(string? DisplayName, string? Role, bool? Disabled);
