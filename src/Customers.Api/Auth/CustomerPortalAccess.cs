namespace Customers.Api.Auth;

/// <summary>Endpoint metadata: a portal customer may call this for their own record.</summary>
public sealed class CustomerPortalAccess;
