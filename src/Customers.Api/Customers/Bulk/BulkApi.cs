using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Customers.Bulk;

/// <summary>Bulk create, update, archive, unarchive and delete (§5), at most 500 items a request.</summary>
public static class BulkApi
{
    public static RouteGroupBuilder MapCustomerBulkApi(this RouteGroupBuilder customers)
    {
        customers.MapPost("/bulk", CreateAsync)
            .WithName("BulkCreateCustomers")
            .WithSummary("Create up to 500 customers; 201 all, 207 some, 422 none")
            .Accepts<BulkCreateRequest>("application/json")
            .Produces<BulkCreateResponse>(StatusCodes.Status201Created)
            .Produces<BulkCreateResponse>(StatusCodes.Status207MultiStatus)
            .Produces<BulkCreateResponse>(StatusCodes.Status422UnprocessableEntity)
            .AsBulkEndpoint();
        customers.MapPut("/bulk-update", UpdateAsync)
            .WithName("BulkUpdateCustomers")
            .WithSummary("Update up to 500 customers, only the fields given; 200 all, 207 some, 422 none")
            .Accepts<BulkUpdateRequest>("application/json")
            .Produces<BulkUpdateResponse>(StatusCodes.Status200OK)
            .Produces<BulkUpdateResponse>(StatusCodes.Status207MultiStatus)
            .Produces<BulkUpdateResponse>(StatusCodes.Status422UnprocessableEntity)
            .AsBulkEndpoint();
        customers.MapPost("/bulk-archive", ArchiveAsync)
            .WithName("BulkArchiveCustomers")
            .WithSummary("Archive up to 500 customers in one statement")
            .Accepts<BulkIdsRequest>("application/json")
            .AsBulkEndpoint();
        customers.MapPost("/bulk-unarchive", UnarchiveAsync)
            .WithName("BulkUnarchiveCustomers")
            .WithSummary("Unarchive up to 500 customers in one statement")
            .Accepts<BulkIdsRequest>("application/json")
            .AsBulkEndpoint();
        customers.MapPost("/bulk-delete", DeleteAsync)
            .WithName("BulkDeleteCustomers")
            .WithSummary("Soft-delete up to 500 customers in one statement")
            .Accepts<BulkIdsRequest>("application/json")
            .AsBulkEndpoint();
        return customers;
    }

    /// <summary>What every bulk endpoint shares: 400 for a bad body, 404 for an unknown tenant, 409 for a repeated Idempotency-Key still running, the heavy rate limit.</summary>
    private static RouteHandlerBuilder AsBulkEndpoint(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .WithMetadata(new IdempotentEndpoint())
        .RequireRateLimiting(RateLimitRegistration.HeavyPolicy);

    public static async Task<IResult> CreateAsync(
        int tenantId,
        JsonElement body,
        [FromQuery(Name = "allow_duplicates")] string? allowDuplicates,
        [FromQuery(Name = "atomic")] string? atomic,
        ClaimsPrincipal user,
        CustomersDbContext db,
        ICustomerBulkWriter writer,
        TimeProvider clock,
        SearchIndexMerger merger,
        CustomersMetrics metrics,
        CancellationToken cancellationToken)
    {
        var flagErrors = new Dictionary<string, List<string>>();
        var options = new BulkCreate.Options(
            BulkRequest.ReadFlag(allowDuplicates, "allow_duplicates", flagErrors),
            BulkRequest.ReadFlag(atomic, "atomic", flagErrors));
        if (flagErrors.Count > 0)
        {
            return Problems.Validation(flagErrors);
        }
        var items = BulkRequest.ReadItems(body, "customers", out var problem);
        if (items is null)
        {
            return Problems.BadRequest(problem!);
        }
        if (await db.IsUnknownTenantAsync(user, tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }

        var result = await new BulkCreate(db, writer, clock, tenantId, user.UserId()).RunAsync(items, options, cancellationToken);
        metrics.BulkItems("create", "created", result.Summary.Created);
        metrics.BulkItems("create", "failed", result.Summary.Failed);
        if (result.Summary.Created > 0)
        {
            merger.MergeSoon();
        }
        var status = result.Summary.Created == result.Summary.Total ? StatusCodes.Status201Created
            : result.Summary.Created > 0 ? StatusCodes.Status207MultiStatus
            : StatusCodes.Status422UnprocessableEntity;
        return TypedResults.Json(result, statusCode: status);
    }

    public static async Task<IResult> UpdateAsync(
        int tenantId,
        JsonElement body,
        [FromQuery(Name = "atomic")] string? atomic,
        ClaimsPrincipal user,
        CustomersDbContext db,
        ICustomerBulkWriter writer,
        TimeProvider clock,
        SearchIndexMerger merger,
        CustomersMetrics metrics,
        CancellationToken cancellationToken)
    {
        var flagErrors = new Dictionary<string, List<string>>();
        var isAtomic = BulkRequest.ReadFlag(atomic, "atomic", flagErrors);
        if (flagErrors.Count > 0)
        {
            return Problems.Validation(flagErrors);
        }
        var items = BulkRequest.ReadItems(body, "updates", out var problem);
        if (items is null)
        {
            return Problems.BadRequest(problem!);
        }
        var ids = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object
                || !items[i].TryGetProperty("customer_id", out var idValue)
                || BulkRequest.ReadId(idValue) is not { } id)
            {
                return Problems.BadRequest($"updates[{i}].customer_id must be a positive integer customer id");
            }
            ids[i] = id;
        }

        var result = await new BulkUpdate(db, writer, clock, tenantId, user.UserId()).RunAsync(items, ids, isAtomic, cancellationToken);
        metrics.BulkItems("update", "updated", result.Summary.Updated);
        metrics.BulkItems("update", "failed", result.Summary.Failed);
        if (result.Summary.Updated > 0)
        {
            merger.MergeSoon();
        }
        var status = result.Summary.Updated == result.Summary.Total ? StatusCodes.Status200OK
            : result.Summary.Updated > 0 ? StatusCodes.Status207MultiStatus
            : StatusCodes.Status422UnprocessableEntity;
        return TypedResults.Json(result, statusCode: status);
    }

    public static Task<Results<Ok<BulkArchiveResponse>, ProblemHttpResult>> ArchiveAsync(
        int tenantId, JsonElement body, ClaimsPrincipal user, CustomersDbContext db, ICustomerStateChanger changer, TimeProvider clock,
        CustomersMetrics metrics, CancellationToken cancellationToken) =>
        ChangeStateAsync(tenantId, body, user, db, changer, clock, metrics, CustomerStateChangeKind.Archive, (changed, requested, skipped) =>
            new BulkArchiveResponse($"{changed.Count} customer(s) archived successfully", changed.Count, requested, changed, skipped), cancellationToken);

    public static Task<Results<Ok<BulkUnarchiveResponse>, ProblemHttpResult>> UnarchiveAsync(
        int tenantId, JsonElement body, ClaimsPrincipal user, CustomersDbContext db, ICustomerStateChanger changer, TimeProvider clock,
        CustomersMetrics metrics, CancellationToken cancellationToken) =>
        ChangeStateAsync(tenantId, body, user, db, changer, clock, metrics, CustomerStateChangeKind.Unarchive, (changed, requested, skipped) =>
            new BulkUnarchiveResponse($"{changed.Count} customer(s) unarchived successfully", changed.Count, requested, changed, skipped), cancellationToken);

    public static Task<Results<Ok<BulkDeleteResponse>, ProblemHttpResult>> DeleteAsync(
        int tenantId, JsonElement body, ClaimsPrincipal user, CustomersDbContext db, ICustomerStateChanger changer, TimeProvider clock,
        CustomersMetrics metrics, CancellationToken cancellationToken) =>
        ChangeStateAsync(tenantId, body, user, db, changer, clock, metrics, CustomerStateChangeKind.Delete, (changed, requested, skipped) =>
            new BulkDeleteResponse($"{changed.Count} customer(s) deleted successfully", changed.Count, requested, changed, skipped), cancellationToken);

    // The three share everything but the seed's name for the count ("archived", "unarchived", "deleted").
    private static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ChangeStateAsync<TResponse>(
        int tenantId, JsonElement body, ClaimsPrincipal user, CustomersDbContext db, ICustomerStateChanger changer, TimeProvider clock, CustomersMetrics metrics,
        CustomerStateChangeKind kind,
        Func<List<BulkCustomer>, int, List<BulkSkipped>, TResponse> respond, CancellationToken cancellationToken)
    {
        var ids = BulkRequest.ReadIds(body, "customer_ids", out var problem);
        if (ids is null)
        {
            return Problems.BadRequest(problem!);
        }
        if (await db.IsUnknownTenantAsync(user, tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }
        var outcome = await BulkStateChange.RunAsync(db, changer, clock, tenantId, user.UserId(), kind, ids, cancellationToken);
        var operation = kind.ToString().ToLowerInvariant();
        metrics.BulkItems(operation, "changed", outcome.Changed.Count);
        metrics.BulkItems(operation, "skipped", outcome.Skipped.Count);
        return TypedResults.Ok(respond(outcome.Changed, ids.Length, outcome.Skipped));
    }
}
