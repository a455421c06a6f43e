namespace Customers.Api.Auth;

/// <summary>Staff sign in with username and password; portal customers add their tenant_id.</summary>
public sealed record LoginRequest(string? Username, string? Password, int? TenantId = null);
