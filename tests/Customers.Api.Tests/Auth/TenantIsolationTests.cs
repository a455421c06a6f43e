namespace Customers.Api.Tests.Auth;

public sealed class TenantIsolationSqliteTests(SqliteApp app) : TenantIsolationTests(app), IClassFixture<SqliteApp>;

public sealed class TenantIsolationPostgresTests(PostgresApp app) : TenantIsolationTests(app), IClassFixture<PostgresApp>;

/// <summary>The tenant rule (§2) on every customer route: 401 without a token, 403 for another tenant's user, 404 for another tenant's customer.</summary>
public abstract class TenantIsolationTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every route under /api/tenants/{tenantId}/customers; {id} is a customer of the tenant.</summary>
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "" },
        { "POST", "" },
        { "GET", "/check-username?username=someone" },
        { "GET", "/{id}" },
        { "PUT", "/{id}" },
        { "DELETE", "/{id}" },
        { "POST", "/{id}/archive" },
        { "POST", "/{id}/unarchive" },
        { "POST", "/bulk" },
        { "PUT", "/bulk-update" },
        { "POST", "/bulk-archive" },
        { "POST", "/bulk-unarchive" },
        { "POST", "/bulk-delete" },
        { "GET", "/stats" },
        { "GET", "/export" },
        { "GET", "/imports" },
        { "POST", "/imports" },
        { "GET", "?deleted=true" },
        { "POST", "/{id}/restore" },
        { "POST", "/imports/1/run" },
        { "POST", "/imports/1/revert" },
    };

    /// <summary>The routes that address one customer by id.</summary>
    public static TheoryData<string, string> CustomerRoutes => new()
    {
        { "GET", "/{id}" },
        { "PUT", "/{id}" },
        { "DELETE", "/{id}" },
        { "POST", "/{id}/archive" },
        { "POST", "/{id}/unarchive" },
        { "POST", "/{id}/restore" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_user_of_another_tenant_is_refused_with_403(string method, string route)
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var intruder = await app.CreateTenantAsync();

        var response = await SendAsync(intruder.AdminClient(), method, tenant, route, customerId);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem["detail"]!.GetValue<string>().ShouldBe("You do not have access to this resource");
        await AssertUnchangedAsync(tenant, customerId);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task No_or_a_bad_token_is_401(string method, string route)
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();

        var anonymous = app.CreateClient();
        await (await SendAsync(anonymous, method, tenant, route, customerId)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bad");
        await (await SendAsync(forged, method, tenant, route, customerId)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await AssertUnchangedAsync(tenant, customerId);
    }

    [Theory]
    [MemberData(nameof(CustomerRoutes))]
    public async Task Another_tenants_customer_id_is_404_even_for_a_platform_admin(string method, string route)
    {
        var (owner, customerId) = await TenantWithCustomerAsync();
        var other = await app.CreateTenantAsync();

        var asOtherAdmin = await SendAsync(other.AdminClient(), method, other, route, customerId);
        await asOtherAdmin.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var platform = app.ClientFor(await app.CreatePlatformAdminAsync());
        var asPlatform = await SendAsync(platform, method, other, route, customerId);
        await asPlatform.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await AssertUnchangedAsync(owner, customerId);
    }

    [Fact]
    public async Task A_platform_admin_reaches_every_tenant()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var platform = app.ClientFor(await app.CreatePlatformAdminAsync());

        var response = await platform.GetUrlAsync($"{tenant.CustomersUrl}/{customerId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await platform.PostJsonAsync(tenant.CustomersUrl, new { name = "By Platform", phone = "07700900099" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var missingTenant = await platform.PostJsonAsync("/api/tenants/999999/customers", new { name = "Nobody", phone = "07700900098" });
        await missingTenant.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_portal_customer_reads_only_their_own_record()
    {
        var (tenant, customerId) = await TenantWithCustomerAsync();
        var neighbour = await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Neighbour", phone = "07700900097" });
        // A portal account needs the customer's login enabled with a username (§2).
        (await tenant.OfficeClient().PutJsonAsync($"{tenant.CustomersUrl}/{customerId}", new { is_login_enabled = true, username = $"iso-{Guid.NewGuid():N}"[..16] }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var portalUser = await app.WithDbAsync(async db =>
        {
            var user = new User { Username = $"portal-{Guid.NewGuid():N}", PasswordHash = "x", Role = Roles.Customer, TenantId = tenant.Id, CustomerId = customerId };
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
            return user;
        });
        var client = app.ClientFor(portalUser);

        (await client.GetUrlAsync($"{tenant.CustomersUrl}/{customerId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another customer of the same tenant is not found, as if there were none (§2).
        await (await client.GetUrlAsync($"{tenant.CustomersUrl}/{neighbour["customer_id"]}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetUrlAsync(tenant.CustomersUrl)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync($"{tenant.CustomersUrl}/{customerId}", new { name = "Changed" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = new[] { customerId } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertUnchangedAsync(tenant, customerId, customersInTenant: 2);
    }

    [Theory]
    [InlineData("bulk-archive")]
    [InlineData("bulk-unarchive")]
    [InlineData("bulk-delete")]
    public async Task Bulk_state_changes_skip_another_tenants_ids_as_not_found(string route)
    {
        var (owner, customerId) = await TenantWithCustomerAsync();
        var other = await app.CreateTenantAsync();
        if (route == "bulk-unarchive")
        {
            await owner.OfficeClient().PostAsync($"{owner.CustomersUrl}/{customerId}/archive", null, Ct);
        }

        var body = await (await other.AdminClient().PostJsonAsync($"{other.CustomersUrl}/{route}", new { customer_ids = new[] { customerId } })).ReadJsonAsync();

        body["customers"]!.AsArray().ShouldBeEmpty();
        body["skipped"]!.ToJsonString().ShouldBe($$"""[{"id":{{customerId}},"reason":"not_found"}]""");
        var stored = await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == customerId, Ct));
        stored.IsActive.ShouldBeTrue();
        stored.Archived.ShouldBe(route == "bulk-unarchive");
    }

    private async Task<(TestTenant Tenant, int CustomerId)> TenantWithCustomerAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var customer = await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Protected Person", phone = "07700900090", username = "someone" });
        return (tenant, customer["customer_id"]!.GetValue<int>());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, TestTenant tenant, string route, int customerId)
    {
        var url = tenant.CustomersUrl + route.Replace("{id}", customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = route == "/imports"
                ? new StringContent("name,phone\r\nIntruder,07700900091\r\n", System.Text.Encoding.UTF8, "text/csv")
                : Http.Json(new { name = "Intruder", phone = "07700900091" });
        }
        return client.SendAsync(request, Ct);
    }

    private async Task AssertUnchangedAsync(TestTenant tenant, int customerId, int customersInTenant = 1)
    {
        var customers = await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).ToListAsync(Ct));
        customers.Count.ShouldBe(customersInTenant);
        var customer = customers.Single(c => c.Id == customerId);
        customer.Name.ShouldBe("Protected Person");
        customer.IsActive.ShouldBeTrue();
        customer.Archived.ShouldBeFalse();
    }
}
