using System.Security.Claims;

namespace Customers.Api.Customers;

/// <summary>
/// PUT /{id}: the fields sent are applied to the customer as committed, and the rules are
/// checked on the result. The write claims the row only if nobody changed it since it was read;
/// otherwise the request starts again from the new version, so two edits at once can never store
/// a record that breaks a rule (an SMS opt-in beside a landline, say). With If-Match, a version
/// other than the one named is refused with 412 instead.
/// </summary>
public static class CustomerUpdate
{
    private const int MaxAttempts = 5;

    public static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int tenantId, int id, JsonElement body, ClaimsPrincipal user, CustomersDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var patch = CustomerRules.ReadPatch(body, creating: false, errors);
        if (errors.Count == 0 && patch.IsEmpty)
        {
            CustomerRules.AddError(errors, "body", "No fields to update: send at least one customer field");
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id && c.IsActive, cancellationToken);
            if (customer is null)
            {
                return CustomersApi.CustomerNotFound(id);
            }
            if (!CustomerVersion.Matches(http.Request, customer))
            {
                return TypedResults.Problem(
                    $"Customer {id} changed after you read it (its ETag is now {CustomerVersion.ETag(customer)}): read it again and apply your change to that",
                    statusCode: StatusCodes.Status412PreconditionFailed);
            }
            var previousUsername = customer.Username;
            var readVersion = customer.UpdatedAt;
            CustomerRules.Apply(patch, customer);
            CustomerRules.ValidateCombination(customer, errors);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }
            if (customer.Username is not null && customer.Username != previousUsername
                && await CustomersApi.UsernameTakenAsync(db, tenantId, customer.Username, id, cancellationToken))
            {
                return CustomersApi.UsernameTaken(customer.Username);
            }

            var changes = CustomerChanges.Describe(db, customer);
            var now = clock.UtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The claim: only while the row is still the version read (it then stays locked until commit).
            var claimed = await db.Customers
                .Where(c => c.TenantId == tenantId && c.Id == id && c.IsActive && c.UpdatedAt == readVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                if (attempt == MaxAttempts)
                {
                    return Problems.Conflict($"Customer {id} is being changed by others right now: try again in a moment");
                }
                continue;
            }
            customer.UpdatedAt = now;
            db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.Update, [id], new { changes }, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                return CustomersApi.UsernameTaken(customer.Username!);
            }
            await transaction.CommitAsync(cancellationToken);
            http.Response.Headers.ETag = CustomerVersion.ETag(customer);
            return TypedResults.Ok(await customer.ToResponseAsync(db, cancellationToken));
        }
    }
}
