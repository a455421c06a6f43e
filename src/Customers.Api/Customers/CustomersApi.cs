using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Customers;

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        // The tenant rule (401 / 403) is enforced once, here, for every route of the group.
        var group = app.MapGroup("/api/tenants/{tenantId}/customers")
            .WithTags("Customers")
            .RequireAuthorization(Policies.TenantMember)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List customers with filters, sorting and pagination");
        group.MapPost("", CreateAsync)
            .WithName("CreateCustomer")
            .WithSummary("Create a customer; one with the same name and phone as a live customer is 409 unless allow_duplicates=true")
            .Accepts<CustomerRequest>("application/json")
            .WithMetadata(new IdempotentEndpoint())
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/check-username", CheckUsernameAsync)
            .WithName("CheckUsername")
            .WithSummary("Check whether a portal username is valid and free in this tenant");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Get one customer")
            .WithMetadata(new CustomerPortalAccess())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", CustomerUpdate.UpdateAsync)
            .WithName("UpdateCustomer")
            .WithSummary("Update the fields sent; null clears an optional field; If-Match with the ETag of GET refuses a lost update (412)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<CustomerRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteCustomer")
            .WithSummary("Soft-delete a customer (kept for trip history, hidden everywhere)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/restore", RestoreAsync)
            .WithName("RestoreCustomer")
            .WithSummary("Restore a customer deleted within 30 days (admins); 409 when its username or its name and phone are taken again")
            .RequireAuthorization(Policies.TenantAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/archive", ArchiveAsync)
            .WithName("ArchiveCustomer")
            .WithSummary("Archive a customer")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/unarchive", UnarchiveAsync)
            .WithName("UnarchiveCustomer")
            .WithSummary("Unarchive a customer")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Ok<CustomerListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        int tenantId, [AsParameters] CustomerListQuery query, ClaimsPrincipal user, IAuthorizationService authorization, CustomersDbContext db,
        ICustomerSearch search, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var filter = query.ToFilter(errors);
        var page = query.ToPage(errors);
        var deleted = query.ReadDeleted(errors);
        if (filter is null || page is null || deleted is null)
        {
            return Problems.Validation(errors);
        }
        // The admin rule of the restore route's policy, for this one parameter of a route open to all staff.
        if (deleted.Value && !(await authorization.AuthorizeAsync(user, Policies.TenantAdmin)).Succeeded)
        {
            return TypedResults.Problem("Only an admin can list deleted customers", statusCode: StatusCodes.Status403Forbidden);
        }

        var inState = (deleted.Value ? db.Customers.IgnoreQueryFilters(["active"]) : db.Customers).AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive != deleted.Value);
        var customers = inState.Filter(filter, search);
        var offset = (page.Page - 1) * page.Limit;
        Pagination pagination;
        List<Customer> rows;
        if (!deleted.Value && filter is { Search: null, PayingOrg: null, IsLoginEnabled: null })
        {
            // The unfiltered list's exact size is in the statistics counters: no scan.
            var (all, archived) = await StatCounters.CountsAsync(db, tenantId, cancellationToken);
            pagination = Pagination.Of(page.Page, page.Limit, filter.Archived switch
            {
                ArchivedFilter.Active => all - archived,
                ArchivedFilter.Archived => archived,
                _ => all,
            }, exact: true);
            rows = await customers.Sort(page.SortKey, page.Descending).Skip(offset).Take(page.Limit).ToListAsync(cancellationToken);
        }
        else
        {
            // The matches' ids, up to one past the window, read through the search index with no
            // order to keep (§4 "Paging window"). Within the window the page is sorted among those
            // ids alone; past it, the page comes from the sort order over every match. Sorting the
            // matches in the query instead let the planner walk the sort key's index through a big
            // tenant's rows (a full name at 1M: 117 ms p95; a term without a match: 6 s).
            var ids = await customers.Select(c => c.Id).Take(Pagination.Window + 1).ToListAsync(cancellationToken);
            pagination = Pagination.Counted(page.Page, page.Limit, ids.Count);
            if (pagination.TotalExact)
            {
                rows = offset >= pagination.Total ? []
                    : await inState.Where(c => ids.Contains(c.Id)).Sort(page.SortKey, page.Descending).Skip(offset).Take(page.Limit).ToListAsync(cancellationToken);
            }
            else
            {
                rows = await WalkSortOrderAsync(inState, filter, search, page, offset, cancellationToken)
                    ?? await customers.Sort(page.SortKey, page.Descending).Skip(offset).Take(page.Limit).ToListAsync(cancellationToken);
            }
        }
        var names = await UserNames.LoadAsync(db, rows.Select(c => c.ArchivedBy), cancellationToken);
        return TypedResults.Ok(new CustomerListResponse(rows.Select(c => c.AsResponse(names)).ToList(), pagination));
    }

    /// <summary>The most rows of the sort order <see cref="WalkSortOrderAsync"/> reads before it gives up.</summary>
    public const int SortWalkRows = 20_000;

    /// <summary>
    /// The page of a search (or filter) with more than 10,000 matches, found by reading the tenant's rows in
    /// the sort key's index order and keeping the matches until the page is full: such matches are
    /// dense, so the page is usually a few thousand rows in, where sorting every match reads them
    /// all ("gmail" at 1M: 166,667 rows, 560 ms). At most <see cref="SortWalkRows"/> rows are read;
    /// null when the page is not among them (matches clustered late in the order), or when the
    /// sort key has no index to walk (updated_at).
    /// </summary>
    private static async Task<List<Customer>?> WalkSortOrderAsync(IQueryable<Customer> inState, CustomerFilter filter, ICustomerSearch search,
        CustomerPage page, int offset, CancellationToken cancellationToken)
    {
        if (page.SortKey == "updated_at")
        {
            return null;
        }
        // The first rows of the sort order, then the matches among them in the same order: a page
        // found there is the page of all matches, since every match before it is among those rows.
        var firstRows = inState.FilterFields(filter).Sort(page.SortKey, page.Descending).Take(SortWalkRows);
        var walked = await (filter.Search is null ? firstRows : firstRows.Search(filter.Search, search))
            .Sort(page.SortKey, page.Descending).Skip(offset).Take(page.Limit).ToListAsync(cancellationToken);
        return walked.Count == page.Limit ? walked : null;
    }

    /// <summary>Brings back a customer deleted within <see cref="RestoreWindow"/> (admins, §4), unless its username or its name and phone are taken again.</summary>
    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> RestoreAsync(
        int tenantId, int id, ClaimsPrincipal user, CustomersDbContext db, ICustomerBulkWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var customer = await db.Customers.IgnoreQueryFilters(["active"])
            .FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, cancellationToken);
        if (customer is null)
        {
            return CustomerNotFound(id);
        }
        if (customer.IsActive)
        {
            return Problems.Conflict($"Customer {id} is not deleted");
        }
        if ((customer.DeletedAt ?? customer.UpdatedAt) < now - RestoreWindow)
        {
            return Problems.Conflict($"Customer {id} was deleted more than {RestoreWindow.TotalDays} days ago and can no longer be restored");
        }
        if (customer.Username is { } username && await UsernameTakenAsync(db, tenantId, username, id, cancellationToken))
        {
            return Problems.Conflict($"Customer {id} cannot be restored: username '{username}' is taken by another customer", "username");
        }
        if (await DuplicateOfAsync(db, writer, tenantId, customer, cancellationToken) is { } duplicateOf)
        {
            return Problems.Conflict($"Customer {id} cannot be restored: it would be a duplicate of customer {duplicateOf}");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        customer.IsActive = true;
        customer.DeletedAt = null;
        customer.UpdatedAt = now;
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.Restore, [id], new { }, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problems.Conflict($"Customer {id} cannot be restored: username '{customer.Username}' is taken by another customer", "username");
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await customer.ToResponseAsync(db, cancellationToken));
    }

    /// <summary>How long after its deletion a customer can be restored.</summary>
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(30);

    public static async Task<Results<Created<CustomerResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        int tenantId,
        JsonElement body,
        [FromQuery(Name = "allow_duplicates")] string? allowDuplicates,
        ClaimsPrincipal user,
        CustomersDbContext db,
        ICustomerBulkWriter writer,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var allow = BulkRequest.ReadFlag(allowDuplicates, "allow_duplicates", errors);
        var (customer, patch) = CustomerRules.ReadNew(body, tenantId, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (await db.IsUnknownTenantAsync(user, tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }
        if (customer.Username is not null && await UsernameTakenAsync(db, tenantId, customer.Username, null, cancellationToken))
        {
            return UsernameTaken(customer.Username);
        }
        if (!allow)
        {
            if (await DuplicateOfAsync(db, writer, tenantId, customer, cancellationToken) is { } duplicateOf)
            {
                return Problems.Conflict($"Duplicate of customer {duplicateOf}", "name");
            }
        }

        customer.CreatedAt = customer.UpdatedAt = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return UsernameTaken(customer.Username!);
        }
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.Create, [customer.Id],
            new { fields = patch.Values.Keys.Order(StringComparer.Ordinal) }, customer.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/customers/{customer.Id}", customer.AsResponse());
    }

    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetAsync(
        int tenantId, int id, CustomersDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
        if (customer is null)
        {
            return CustomerNotFound(id);
        }
        http.Response.Headers.ETag = CustomerVersion.ETag(customer);
        return TypedResults.Ok(await customer.ToResponseAsync(db, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int tenantId, int id, ClaimsPrincipal user, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Loaded and saved through the change tracker, which moves the statistics counters too.
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
        if (customer is null)
        {
            return CustomerNotFound(id);
        }
        customer.IsActive = false;
        customer.DeletedAt = now;
        customer.UpdatedAt = now;
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.Delete, [id], new { }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> ArchiveAsync(
        int tenantId, int id, ClaimsPrincipal user, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        SetArchivedAsync(tenantId, id, archived: true, user.UserId(), db, clock, cancellationToken);

    public static Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> UnarchiveAsync(
        int tenantId, int id, ClaimsPrincipal user, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        SetArchivedAsync(tenantId, id, archived: false, user.UserId(), db, clock, cancellationToken);

    public static async Task<Results<Ok<UsernameCheckResponse>, ValidationProblem>> CheckUsernameAsync(
        int tenantId,
        string? username,
        [FromQuery(Name = "exclude_customer_id")] string? excludeCustomerId,
        CustomersDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(username))
        {
            CustomerRules.AddError(errors, "username", "username is required");
        }
        int? excludeId = null;
        if (!string.IsNullOrEmpty(excludeCustomerId))
        {
            if (int.TryParse(excludeCustomerId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                excludeId = parsed;
            }
            else
            {
                CustomerRules.AddError(errors, "exclude_customer_id", "exclude_customer_id must be a whole number");
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var normalised = CustomerRules.NormaliseUsername(username!, out var problem);
        if (normalised is null)
        {
            return TypedResults.Ok(new UsernameCheckResponse(username!.Trim().ToLowerInvariant(), false, false, problem));
        }
        var taken = await UsernameTakenAsync(db, tenantId, normalised, excludeId, cancellationToken);
        return TypedResults.Ok(new UsernameCheckResponse(normalised, true, !taken, taken ? "Username is already taken" : null));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> SetArchivedAsync(
        int tenantId, int id, bool archived, int? userId, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
        if (customer is null)
        {
            return CustomerNotFound(id);
        }
        if (customer.Archived == archived)
        {
            return Problems.Conflict(archived ? $"Customer {id} is already archived" : $"Customer {id} is not archived");
        }
        var now = clock.UtcNow();
        customer.Archived = archived;
        customer.ArchivedAt = archived ? now : null;
        customer.ArchivedBy = archived ? userId : null;
        customer.UpdatedAt = now;
        db.AuditEvents.Add(AuditEvent.Create(tenantId, userId, archived ? AuditActions.Archive : AuditActions.Unarchive, [id], new { }, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await customer.ToResponseAsync(db, cancellationToken));
    }

    internal static Task<bool> UsernameTakenAsync(CustomersDbContext db, int tenantId, string username, int? excludeId, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(c => c.TenantId == tenantId && c.IsActive && c.Username == username && c.Id != excludeId, cancellationToken);

    /// <summary>
    /// §5's rule, as bulk create and import apply it: the first live customer of the tenant with
    /// the same name and phone as <paramref name="customer"/> (itself excluded), or null.
    /// </summary>
    private static async Task<int?> DuplicateOfAsync(
        CustomersDbContext db, ICustomerBulkWriter writer, int tenantId, Customer customer, CancellationToken cancellationToken)
    {
        var key = CustomerRules.DuplicateKey(customer.Name, customer.Phone);
        return (await writer.FindSamePhoneAndNameAsync(db, tenantId, [customer], cancellationToken))
            .Where(c => c.Id != customer.Id && CustomerRules.DuplicateKey(c.Name, c.Phone) == key)
            .Select(c => (int?)c.Id)
            .Min();
    }

    internal static ProblemHttpResult CustomerNotFound(int id) => Problems.NotFound($"Customer {id} not found");

    internal static ProblemHttpResult UsernameTaken(string username) =>
        Problems.Conflict($"Username '{username}' is already taken in this tenant", "username");
}
