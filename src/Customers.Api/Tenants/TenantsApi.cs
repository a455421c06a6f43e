using Microsoft.AspNetCore.Identity;

namespace Customers.Api.Tenants;

/// <summary>Onboarding: platform admins create tenants; admins create their tenant's staff logins.</summary>
public static class TenantsApi
{
    public const int MinPasswordLength = 12;
    private static readonly string[] StaffRoles = [Roles.TenantAdmin, Roles.OfficeStaff];

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/tenants")
            .WithTags("Tenants")
            .RequireAuthorization(policy => policy.RequireRole(Roles.PlatformAdmin))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        tenants.MapPost("", CreateTenantAsync)
            .WithName("CreateTenant")
            .WithSummary("Create a tenant (a transport operator); platform admins only");
        tenants.MapGet("", ListTenantsAsync)
            .WithName("ListTenants")
            .WithSummary("List tenants; platform admins only");

        // The same tenant rule as the customer routes, plus: admins only.
        app.MapGroup("/api/tenants/{tenantId}/users")
            .WithTags("Tenants")
            .RequireAuthorization(Policies.TenantMember, Policies.TenantAdmin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("", CreateUserAsync)
            .WithName("CreateUser")
            .WithSummary("Create a staff login (tenant_admin or office_staff) for the tenant; admins only")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Created<TenantResponse>, ValidationProblem>> CreateTenantAsync(
        CreateTenantRequest request, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name is null ? "" : TextCleaner.Clean(request.Name, multiline: false);
        if (name.Length is 0 or > 200)
        {
            return Problems.Validation(new Dictionary<string, List<string>> { ["name"] = ["name is required, at most 200 characters"] });
        }
        var tenant = new Tenant { Name = name, CreatedAt = clock.UtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenant.Id}", new TenantResponse(tenant.Id, tenant.Name, tenant.CreatedAt));
    }

    public static async Task<Ok<List<TenantResponse>>> ListTenantsAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Tenants.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new TenantResponse(t.Id, t.Name, t.CreatedAt))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateUserAsync(
        int tenantId,
        CreateUserRequest request,
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
        if (request.Password is null || request.Password.Length < MinPasswordLength)
        {
            CustomerRules.AddError(errors, "password", $"password must be at least {MinPasswordLength} characters");
        }
        if (request.Role is null || !StaffRoles.Contains(request.Role))
        {
            CustomerRules.AddError(errors, "role", $"role must be one of: {string.Join(", ", StaffRoles)}");
        }
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

        var user = new User { Username = username, Role = request.Role!, TenantId = tenantId, PasswordHash = "", CreatedAt = clock.UtcNow() };
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
        return TypedResults.Created($"/api/tenants/{tenantId}/users/{user.Id}",
            new UserResponse(user.Id, user.TenantId, user.Username, user.Role, user.CreatedAt));
    }
}
