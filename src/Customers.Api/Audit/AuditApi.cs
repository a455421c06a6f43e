using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Audit;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tenants/{tenantId}/audit")
            .WithTags("Audit")
            .RequireAuthorization(Policies.TenantMember, Policies.TenantAdmin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync)
            .WithName("ListAuditEvents")
            .WithSummary("The tenant's audit log, newest first; admins only");
        return group;
    }

    public static async Task<Results<Ok<AuditListResponse>, ValidationProblem>> ListAsync(
        int tenantId,
        [FromQuery(Name = "customer_id")] string? customerId,
        [FromQuery(Name = "action")] string? action,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "limit")] string? limit,
        CustomersDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        int? customer = null;
        if (!string.IsNullOrEmpty(customerId))
        {
            if (int.TryParse(customerId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                customer = id;
            }
            else
            {
                CustomerRules.AddError(errors, "customer_id", "customer_id must be a positive whole number");
            }
        }
        if (action is not null && !AuditActions.All.Contains(action))
        {
            CustomerRules.AddError(errors, "action", $"action must be one of: {string.Join(", ", AuditActions.All)}");
        }
        var paging = new CustomerListQuery(null, null, null, null, page, limit, null).ToPage(errors);
        if (errors.Count > 0 || paging is null)
        {
            return Problems.Validation(errors);
        }

        var events = db.AuditEvents.AsNoTracking().Where(e => e.TenantId == tenantId);
        if (customer is { } cid)
        {
            events = events.Where(e => e.CustomerIds.Contains(cid));
        }
        if (action is not null)
        {
            events = events.Where(e => e.Action == action);
        }
        // Counted up to one past the paging window, as every list (§4): a busy tenant's log is long.
        var counted = await events.Take(Pagination.Window + 1).CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((int)Math.Min((long)(paging.Page - 1) * paging.Limit, int.MaxValue))
            .Take(paging.Limit)
            .ToListAsync(cancellationToken);
        var names = await UserNames.LoadAsync(db, rows.Select(e => e.ActorUserId), cancellationToken);
        return TypedResults.Ok(new AuditListResponse(
            rows.Select(e => AuditEventResponse.From(e, names)).ToList(),
            Pagination.Counted(paging.Page, paging.Limit, counted)));
    }
}
