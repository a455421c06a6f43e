namespace Customers.Api.Tests.Tenants;

public sealed class TenantsApiSqliteTests(SqliteApp app) : TenantsApiTests(app), IClassFixture<SqliteApp>;

public sealed class TenantsApiPostgresTests(PostgresApp app) : TenantsApiTests(app), IClassFixture<PostgresApp>;

/// <summary>Onboarding: tenants by platform admins, staff logins by admins.</summary>
public abstract class TenantsApiTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_platform_admin_creates_a_tenant_whose_new_admin_can_log_in_and_work()
    {
        var platform = app.ClientFor(await app.CreatePlatformAdminAsync());

        var tenantResponse = await platform.PostJsonAsync("/api/tenants", new { name = "  Dales <i>Community</i> Transport " });
        var tenant = await tenantResponse.ReadJsonAsync();
        tenantResponse.StatusCode.ShouldBe(HttpStatusCode.Created, tenant.ToJsonString());
        tenant["name"]!.GetValue<string>().ShouldBe("Dales Community Transport");
        var tenantId = tenant["tenant_id"]!.GetValue<int>();

        var username = $"boss-{Guid.NewGuid():N}@dales";
        var user = await platform.PostJsonAsync($"/api/tenants/{tenantId}/users", new { username, password = "a-long-password-1", role = "tenant_admin" });
        (await user.ReadJsonAsync())["role"]!.GetValue<string>().ShouldBe("tenant_admin");

        var login = await (await app.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = "a-long-password-1" })).ReadJsonAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        (await client.PostJsonAsync($"/api/tenants/{tenantId}/customers", new { name = "First", phone = "07700900201" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var list = await (await platform.GetUrlAsync("/api/tenants")).ReadJsonAsync();
        list.AsArray().Select(t => t!["tenant_id"]!.GetValue<int>()).ShouldContain(tenantId);
    }

    [Fact]
    public async Task Only_platform_admins_create_or_list_tenants()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.AdminClient().PostJsonAsync("/api/tenants", new { name = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await tenant.AdminClient().GetUrlAsync("/api/tenants")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostJsonAsync("/api/tenants", new { name = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tenant_admins_manage_only_their_own_tenants_users_and_office_staff_none()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var body = new { username = $"clerk-{Guid.NewGuid():N}", password = "a-long-password-1", role = "office_staff" };

        (await tenant.AdminClient().PostJsonAsync($"/api/tenants/{tenant.Id}/users", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await tenant.AdminClient().PostJsonAsync($"/api/tenants/{other.Id}/users", body with { username = body.username + "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await tenant.OfficeClient().PostJsonAsync($"/api/tenants/{tenant.Id}/users", body with { username = body.username + "y" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await tenant.AdminClient().PostJsonAsync($"/api/tenants/{tenant.Id}/users", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_user_requests_name_each_field()
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.AdminClient().PostJsonAsync($"/api/tenants/{tenant.Id}/users", new { username = "a b", password = "short", role = "platform_admin" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("username").ShouldNotBeEmpty();
        problem.FieldErrors("password").ShouldBe(["password must be at least 10 characters"]);
        problem.FieldErrors("role").ShouldBe(["role must be one of: tenant_admin, office_staff"]);
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.TenantId == tenant.Id, Ct))).ShouldBe(2);
    }

    [Theory]
    [InlineData("<b>boss</b>")]
    [InlineData("eve\u202Etxt")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("two words")]
    [InlineData("ab")]
    public async Task Staff_usernames_are_plain_text_only(string username)
    {
        var tenant = await app.CreateTenantAsync();

        var refused = await tenant.AdminClient().PostJsonAsync($"/api/tenants/{tenant.Id}/users", new { username, password = "a-long-password-1", role = "office_staff" });

        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("username")
            .ShouldBe(["username must be 3–100 characters of a-z, 0-9, '.', '_', '-', '+' or '@'"]);
    }
}
