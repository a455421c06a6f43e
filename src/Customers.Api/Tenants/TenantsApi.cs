namespace Customers.Api.Tenants;

/// <summary>Onboarding: platform admins create and list tenants (their staff logins: Users/UsersApi).</summary>
public static class TenantsApi
{
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
}
