namespace Customers.Api.Auth;

public static class CustomerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string TenantId = "tenant_id";
    public const string CustomerId = "customer_id";

    /// <summary>The user's <see cref="User.SecurityStamp"/> when the token was issued.</summary>
    public const string SecurityStamp = "stamp";
}
