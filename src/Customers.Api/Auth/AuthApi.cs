using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Customers.Api.Auth;

public static class AuthApi
{
    // One answer for every failure, so a caller learns nothing about which accounts exist or are blocked.
    public const string LoginFailed = "Invalid username or password, or the account is locked after repeated failures";

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Exchange a username and password for a bearer token")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitRegistration.LoginPolicy);
        return group;
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request,
        HttpContext httpContext,
        CustomersDbContext db,
        TokenService tokens,
        IPasswordHasher<User> hasher,
        IOptions<AuthOptions> options,
        TimeProvider clock,
        ILogger<TokenService> logger,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(request.Username))
        {
            CustomerRules.AddError(errors, "username", "username is required");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            CustomerRules.AddError(errors, "password", "password is required");
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var username = request.Username!.Trim().ToLowerInvariant();
        // No username is longer than 100 or holds a control character (PostgreSQL refuses a NUL
        // outright): such a name is unknown without asking the database.
        var user = username.Length > 100 || username.Any(char.IsControl) ? null
            : request.TenantId is { } tenantId ? await FindPortalUserAsync(db, tenantId, username, cancellationToken)
            : await db.Users.FirstOrDefaultAsync(u => u.Username == username && u.Role != Roles.Customer, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            // Spend the same time as a real check so timing does not reveal unknown usernames.
            hasher.VerifyHashedPassword(DummyUser, DummyHash, request.Password!);
            return Problems.Unauthorized(LoginFailed);
        }
        // The password is checked even for a blocked client: the same work as for any other
        // answer, so the time taken does not tell a blocked account from an unknown name.
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password!);
        var client = LoginThrottles.ClientOf(httpContext);
        if (await LoginThrottles.IsBlockedAsync(db, user.Id, client, now, cancellationToken))
        {
            // Guesses while blocked count too, so a persistent guesser waits longer each time.
            await LoginThrottles.CountFailureAsync(db, user.Id, client, options.Value, now, cancellationToken);
            logger.LoginRefusedBlocked(user.Id);
            return Problems.Unauthorized(LoginFailed);
        }
        if (verdict == PasswordVerificationResult.Failed)
        {
            if (await LoginThrottles.CountFailureAsync(db, user.Id, client, options.Value, now, cancellationToken) is { } until)
            {
                logger.LoginsBlocked(user.Id, until);
                if (user.TenantId is { } userTenant)
                {
                    // A burst of failed sign-ins is on the tenant's record (not the client's address: personal data).
                    db.AuditEvents.Add(AuditEvent.Create(userTenant, null, AuditActions.UserSignInBlocked, user.CustomerId is { } customerId ? [customerId] : [],
                        new { user_id = user.Id, blocked_until = until }, now));
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            return Problems.Unauthorized(LoginFailed);
        }

        if (user.Disabled)
        {
            logger.LoginRefusedDisabled(user.Id);
            return Problems.Unauthorized(LoginFailed);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password!);
        }
        user.LastLoginAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await LoginThrottles.ForgetAsync(db, user.Id, client, cancellationToken);
        logger.LoginSucceeded(user.Id, user.Role);
        return TypedResults.Ok(tokens.Issue(user));
    }

    /// <summary>
    /// A portal customer signs in with the tenant and the customer's own username (unique per
    /// tenant); only while login is enabled, the customer is not archived, and a password was set.
    /// </summary>
    private static Task<User?> FindPortalUserAsync(CustomersDbContext db, int tenantId, string username, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.TenantId == tenantId && u.Role == Roles.Customer && u.PasswordHash != ""
            && db.Customers.Any(c => c.TenantId == tenantId && c.Id == u.CustomerId && c.Username == username && c.IsLoginEnabled && !c.Archived),
            cancellationToken);

    private static readonly User DummyUser = new() { Username = "", PasswordHash = "", Role = Roles.OfficeStaff };
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(DummyUser, "not-a-real-password");
}
