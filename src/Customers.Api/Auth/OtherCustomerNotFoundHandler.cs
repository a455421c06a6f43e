using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Customers.Api.Auth;

/// <summary>
/// A portal customer asking for another customer's record gets 404 (SPEC §2: "another customer
/// 404"), not 403: the answer does not tell them the record exists. Everything else as usual.
/// </summary>
public sealed class OtherCustomerNotFoundHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message == TenantAccessHandler.OtherCustomer) == true)
        {
            await context.WriteProblemAsync(StatusCodes.Status404NotFound, $"Customer {context.GetRouteValue("id")} not found");
            return;
        }
        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}
