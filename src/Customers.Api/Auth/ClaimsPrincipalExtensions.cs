using System.Globalization;
using System.Security.Claims;

namespace Customers.Api.Auth;

public static class ClaimsPrincipalExtensions
{
    public static int? UserId(this ClaimsPrincipal user) => ReadInt(user, CustomerClaims.Subject);

    public static int? TenantId(this ClaimsPrincipal user) => ReadInt(user, CustomerClaims.TenantId);

    public static int? CustomerId(this ClaimsPrincipal user) => ReadInt(user, CustomerClaims.CustomerId);

    public static string? Role(this ClaimsPrincipal user) => user.FindFirst(CustomerClaims.Role)?.Value;

    private static int? ReadInt(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirst(type)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
