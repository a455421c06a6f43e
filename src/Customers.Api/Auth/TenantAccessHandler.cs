using System.Globalization;
using Microsoft.AspNetCore.Authorization;

namespace Customers.Api.Auth;

public sealed class TenantAccessHandler : AuthorizationHandler<TenantAccessRequirement>
{
    /// <summary>The failure reason for a portal customer asking for another customer's record.</summary>
    public const string OtherCustomer = "other-customer";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return Task.CompletedTask;
        }
        var user = context.User;
        var routeTenant = http.GetRouteValue("tenantId") as string;
        if (!TryParseId(routeTenant, out var tenantId))
        {
            // Not a number: parameter binding answers 400 before any data is read.
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var role = user.Role();
        if (role == Roles.PlatformAdmin)
        {
            context.Succeed(requirement);
        }
        else if (user.TenantId() == tenantId)
        {
            if (role is Roles.TenantAdmin or Roles.OfficeStaff)
            {
                context.Succeed(requirement);
            }
            else if (role == Roles.Customer
                && http.GetEndpoint()?.Metadata.GetMetadata<CustomerPortalAccess>() is not null
                && TryParseId(http.GetRouteValue("id") as string, out var customerId))
            {
                if (user.CustomerId() == customerId)
                {
                    context.Succeed(requirement);
                }
                else
                {
                    // Another customer of the tenant: answered 404, as if there were none.
                    context.Fail(new AuthorizationFailureReason(this, OtherCustomer));
                }
            }
        }
        return Task.CompletedTask;
    }

    // The same parse as minimal-API binding of an int route value, so the check and the handler agree.
    private static bool TryParseId(string? text, out int id) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out id);
}
