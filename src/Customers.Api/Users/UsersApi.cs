using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Customers.Api.Users;

/// <summary>
/// A tenant's staff logins (SPEC §2), admins only: list, create, change display name, role or
/// disabled, set a password. A change to access (disabled, role, password) renews the user's
/// security stamp, which ends their tokens at once.
/// </summary>
public static class UsersApi
{
    public const int MaxDisplayNameLength = 100;
    private static readonly string[] StaffRoles = [Roles.TenantAdmin, Roles.OfficeStaff];

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        // The same tenant rule as the customer routes, plus: admins only.
        var users = app.MapGroup("/api/tenants/{tenantId}/users")
            .WithTags("Users")
            .RequireAuthorization(Policies.TenantMember, Policies.TenantAdmin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapGet("", ListAsync)
            .WithName("ListUsers")
            .WithSummary("The tenant's staff users; admins only")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("", CreateAsync)
            .WithName("CreateUser")
            .WithSummary("Create a staff login (tenant_admin or office_staff) for the tenant; admins only")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPut("/{userId}", UpdateAsync)
            .WithName("UpdateUser")
            .WithSummary("Change a staff user's display_name, role (tenant_admin or office_staff) or disabled; admins only")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{userId}/password", SetPasswordAsync)
            .WithName("SetUserPassword")
            .WithSummary("Set a staff user's password; their existing tokens stop working; admins only")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListAsync(
        int tenantId, ClaimsPrincipal caller, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (await db.IsUnknownTenantAsync(caller, tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }
        var users = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId && StaffRoles.Contains(u.Role))
            .OrderBy(u => u.Username)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new UserListResponse(users.Select(UserResponse.From).ToList()));
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        int tenantId,
        CreateUserRequest request,
        ClaimsPrincipal caller,
        CustomersDbContext db,
        IPasswordHasher<User> hasher,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var username = request.Username?.Trim().ToLowerInvariant() ?? "";
        // Shown to other staff (who archived this?): no markup, bidi or invisible characters.
        if (username.Length is < 3 or > 100 || !username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '+' or '@'))
        {
            CustomerRules.AddError(errors, "username", "username must be 3–100 characters of a-z, 0-9, '.', '_', '-', '+' or '@'");
        }
        if (PasswordRules.Problem(request.Password) is { } passwordProblem)
        {
            CustomerRules.AddError(errors, "password", passwordProblem);
        }
        if (request.Role is null || !StaffRoles.Contains(request.Role))
        {
            CustomerRules.AddError(errors, "role", $"role must be one of: {string.Join(", ", StaffRoles)}");
        }
        var displayName = ReadDisplayName(request.DisplayName, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }
        if (await db.Users.AnyAsync(u => u.Username == username, cancellationToken))
        {
            return Problems.Conflict($"Username '{username}' is already taken", "username");
        }

        var now = clock.UtcNow();
        var user = new User { Username = username, Role = request.Role!, TenantId = tenantId, DisplayName = displayName, PasswordHash = "", CreatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Problems.Conflict($"Username '{username}' is already taken", "username");
        }
        db.AuditEvents.Add(AuditEvent.Create(tenantId, caller.UserId(), AuditActions.UserCreate, [],
            new { user_id = user.Id, user.Username, user.Role, display_name = user.DisplayName }, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/users/{user.Id}", UserResponse.From(user));
    }

    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int tenantId,
        int userId,
        UpdateUserRequest request,
        ClaimsPrincipal caller,
        CustomersDbContext db,
        UserAccessCache access,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (request.Role is not null && !StaffRoles.Contains(request.Role))
        {
            // Never above the caller's own: only staff roles exist in a tenant, and only admins get here.
            CustomerRules.AddError(errors, "role", $"role must be one of: {string.Join(", ", StaffRoles)}");
        }
        var displayName = request.DisplayName is null ? null : ReadDisplayName(request.DisplayName, errors);
        if (request is { DisplayName: null, Role: null, Disabled: null })
        {
            CustomerRules.AddError(errors, "body", "Give at least one of display_name, role and disabled");
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var user = await FindStaffAsync(db, tenantId, userId, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound($"User {userId} not found");
        }
        if (user.Id == caller.UserId() && ((request.Disabled ?? false) || (request.Role is { } role && role != user.Role)))
        {
            // An admin locking themselves out could leave a tenant with nobody to manage it.
            return Problems.Conflict("You cannot disable your own account or change your own role; ask another admin");
        }

        var changes = new Dictionary<string, object?>();
        if (request.DisplayName is not null && displayName != user.DisplayName)
        {
            changes["display_name"] = new { old = user.DisplayName, @new = displayName };
            user.DisplayName = displayName;
        }
        var accessChanged = false;
        if (request.Role is { } newRole && newRole != user.Role)
        {
            changes["role"] = new { old = user.Role, @new = newRole };
            user.Role = newRole;
            accessChanged = true;
        }
        if (request.Disabled is { } disabled && disabled != user.Disabled)
        {
            changes["disabled"] = new { old = user.Disabled, @new = disabled };
            user.Disabled = disabled;
            accessChanged = true;
        }
        if (changes.Count > 0)
        {
            if (accessChanged)
            {
                user.SecurityStamp = User.NewSecurityStamp();
            }
            db.AuditEvents.Add(AuditEvent.Create(tenantId, caller.UserId(), AuditActions.UserUpdate, [], new { user_id = user.Id, changes }, clock.UtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            access.Forget(user.Id);
        }
        return TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        int tenantId,
        int userId,
        SetPasswordRequest request,
        ClaimsPrincipal caller,
        CustomersDbContext db,
        IPasswordHasher<User> hasher,
        UserAccessCache access,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (PasswordRules.Problem(request.Password) is { } problem)
        {
            return Problems.Validation(new Dictionary<string, List<string>> { ["password"] = [problem] });
        }
        var user = await FindStaffAsync(db, tenantId, userId, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound($"User {userId} not found");
        }
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        user.SecurityStamp = User.NewSecurityStamp();
        // The password is never recorded, only that it was set and by whom.
        db.AuditEvents.Add(AuditEvent.Create(tenantId, caller.UserId(), AuditActions.UserPasswordSet, [], new { user_id = user.Id }, clock.UtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        access.Forget(user.Id);
        return TypedResults.NoContent();
    }

    private static Task<User?> FindStaffAsync(CustomersDbContext db, int tenantId, int userId, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.TenantId == tenantId && StaffRoles.Contains(u.Role), cancellationToken);

    /// <summary>Plain text of at most <see cref="MaxDisplayNameLength"/> characters; empty is none.</summary>
    private static string? ReadDisplayName(string? sent, Dictionary<string, List<string>> errors)
    {
        if (sent is null)
        {
            return null;
        }
        var cleaned = TextCleaner.Clean(sent, multiline: false);
        if (cleaned.Length > MaxDisplayNameLength)
        {
            CustomerRules.AddError(errors, "display_name", $"display_name may be at most {MaxDisplayNameLength} characters");
        }
        return cleaned.Length == 0 ? null : cleaned;
    }
}
