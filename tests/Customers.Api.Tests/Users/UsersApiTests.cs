namespace Customers.Api.Tests.Users;

public sealed class UsersApiSqliteTests(SqliteApp app) : UsersApiTests(app), IClassFixture<SqliteApp>;

public sealed class UsersApiPostgresTests(PostgresApp app) : UsersApiTests(app), IClassFixture<PostgresApp>;

/// <summary>Staff users (§2): list, create, change, disable, set password; a change to access ends the user's tokens at once.</summary>
public abstract class UsersApiTests(CustomersApp app)
{
    private const string Password = "a-long-password-1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string UsersUrl(TestTenant tenant) => $"/api/tenants/{tenant.Id}/users";

    private static async Task<(int Id, string Username)> CreateClerkAsync(TestTenant tenant, string? displayName = null)
    {
        var username = $"clerk-{Guid.NewGuid():N}"[..20];
        var created = await tenant.AdminClient().PostJsonAsync(UsersUrl(tenant), new { username, password = Password, role = "office_staff", display_name = displayName });
        var body = await created.ReadJsonAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        return (body["id"]!.GetValue<int>(), username);
    }

    private Task<HttpClient> SignedInAsync(string username, string password = Password) => app.SignInAsync(new { username, password });

    [Fact]
    public async Task Admins_list_their_staff_with_names_roles_and_last_sign_in()
    {
        var tenant = await app.CreateTenantAsync();
        var (id, username) = await CreateClerkAsync(tenant, "  Carol <b>Clerk</b> ");
        await SignedInAsync(username);

        var list = await (await tenant.AdminClient().GetUrlAsync(UsersUrl(tenant))).ReadJsonAsync();

        var users = list["users"]!.AsArray();
        users.Count.ShouldBe(3);
        var clerk = users.Single(u => u!["id"]!.GetValue<int>() == id)!;
        clerk["username"]!.GetValue<string>().ShouldBe(username);
        clerk["display_name"]!.GetValue<string>().ShouldBe("Carol Clerk");
        clerk["role"]!.GetValue<string>().ShouldBe("office_staff");
        clerk["disabled"]!.GetValue<bool>().ShouldBeFalse();
        clerk["last_login_at"]!.GetValue<DateTime>().ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-1));
        clerk.AsObject().Select(p => p.Key).ShouldNotContain("password_hash");
    }

    [Fact]
    public async Task Every_user_route_refuses_office_staff_and_other_tenants_admins()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var (id, _) = await CreateClerkAsync(tenant);
        var requests = new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetUrlAsync(UsersUrl(tenant)),
            c => c.PostJsonAsync(UsersUrl(tenant), new { username = $"x-{Guid.NewGuid():N}"[..20], password = Password, role = "office_staff" }),
            c => c.PutJsonAsync($"{UsersUrl(tenant)}/{id}", new { display_name = "Renamed" }),
            c => c.PostJsonAsync($"{UsersUrl(tenant)}/{id}/password", new { password = "another-long-one-2" }),
        };

        foreach (var request in requests)
        {
            await (await request(tenant.OfficeClient())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await request(other.AdminClient())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await request(app.CreateClient())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        // Through their own tenant's path, another tenant's user does not exist.
        await (await other.AdminClient().PutJsonAsync($"{UsersUrl(other)}/{id}", new { disabled = true })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.AdminClient().PostJsonAsync($"{UsersUrl(other)}/{id}/password", new { password = "another-long-one-2" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id, Ct))).DisplayName.ShouldBeNull();
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_token_at_once_and_stops_sign_in_until_enabled_again()
    {
        var tenant = await app.CreateTenantAsync();
        var (id, username) = await CreateClerkAsync(tenant);
        var clerk = await SignedInAsync(username);
        (await clerk.GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var disabled = await (await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{id}", new { disabled = true })).ReadJsonAsync();

        disabled["disabled"]!.GetValue<bool>().ShouldBeTrue();
        await (await clerk.GetUrlAsync(tenant.CustomersUrl)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var refused = await app.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = Password });
        (await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().ShouldBe(AuthApi.LoginFailed);

        await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{id}", new { disabled = false });
        (await (await SignedInAsync(username)).GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The token from before stays ended: enabling again does not bring old tokens back.
        await (await clerk.GetUrlAsync(tenant.CustomersUrl)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_change_ends_the_old_token_and_the_new_one_carries_the_new_role()
    {
        var tenant = await app.CreateTenantAsync();
        var (id, username) = await CreateClerkAsync(tenant);
        var asClerk = await SignedInAsync(username);
        await (await asClerk.GetUrlAsync(UsersUrl(tenant))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var promoted = await (await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{id}", new { role = "tenant_admin", display_name = "Head Clerk" })).ReadJsonAsync();

        promoted["role"]!.GetValue<string>().ShouldBe("tenant_admin");
        promoted["display_name"]!.GetValue<string>().ShouldBe("Head Clerk");
        await (await asClerk.GetUrlAsync(tenant.CustomersUrl)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await (await SignedInAsync(username)).GetUrlAsync(UsersUrl(tenant))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var platformRole = await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{id}", new { role = "platform_admin" });
        (await platformRole.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("role").ShouldBe(["role must be one of: tenant_admin, office_staff"]);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_or_change_their_own_role()
    {
        var tenant = await app.CreateTenantAsync();
        var self = $"{UsersUrl(tenant)}/{tenant.Admin.Id}";

        await (await tenant.AdminClient().PutJsonAsync(self, new { disabled = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await tenant.AdminClient().PutJsonAsync(self, new { role = "office_staff" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var renamed = await tenant.AdminClient().PutJsonAsync(self, new { display_name = "The Boss" });
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tenant.AdminClient().GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Setting_a_password_ends_old_tokens_and_the_old_password_and_refuses_weak_ones()
    {
        var tenant = await app.CreateTenantAsync();
        var (id, username) = await CreateClerkAsync(tenant);
        var before = await SignedInAsync(username);
        var url = $"{UsersUrl(tenant)}/{id}/password";

        foreach (var (weak, message) in new[]
        {
            ("short", "password must be at least 10 characters"),
            ("1234567890", "password is one of the most common passwords: choose another"),
            ("QWERTYUIOP", "password is one of the most common passwords: choose another"),
        })
        {
            var refused = await tenant.AdminClient().PostJsonAsync(url, new { password = weak });
            (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("password").ShouldBe([message]);
        }
        (await before.GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await tenant.AdminClient().PostJsonAsync(url, new { password = "a-brand-new-secret" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await before.GetUrlAsync(tenant.CustomersUrl)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await (await SignedInAsync(username, "a-brand-new-secret")).GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_user_change_is_audited_without_the_password()
    {
        var tenant = await app.CreateTenantAsync();
        var (id, _) = await CreateClerkAsync(tenant);
        await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{id}", new { disabled = true });
        await tenant.AdminClient().PostJsonAsync($"{UsersUrl(tenant)}/{id}/password", new { password = "a-brand-new-secret" });

        var events = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.TenantId == tenant.Id).OrderBy(e => e.Id).ToListAsync(Ct));

        events.Select(e => e.Action).ShouldBe(["user.create", "user.update", "user.password_set"]);
        events.ShouldAllBe(e => e.ActorUserId == tenant.Admin.Id);
        JsonNode.Parse(events[1].Details)!["changes"]!["disabled"]!["new"]!.GetValue<bool>().ShouldBeTrue();
        events.ShouldAllBe(e => !e.Details.Contains("secret") && !e.Details.Contains(Password));
        // The audit list filters by these actions like any other.
        var listed = await (await tenant.AdminClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit?action=user.update")).ReadJsonAsync();
        listed["events"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ShouldBe(["user.update"]);
    }

    [Fact]
    public async Task Who_did_something_is_named_beside_their_id()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{tenant.Admin.Id}", new { display_name = "Ada Admin" });
        var id = Id(await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Named Doer", phone = "07700 900701", reminder_opt_in = true, reminder_preference = "email", email = "doer@example.org" }));
        (await tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/{id}/reminders", new { message = "Pick-up at 9" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tenant.AdminClient().PostAsync($"{tenant.CustomersUrl}/{id}/archive", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var customer = await (await tenant.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}/{id}")).ReadJsonAsync();
        customer["archived_by"]!.GetValue<int>().ShouldBe(tenant.Admin.Id);
        customer["archived_by_name"]!.GetValue<string>().ShouldBe("Ada Admin");
        var listed = await (await tenant.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}?archived=true")).ReadJsonAsync();
        listed["customers"]![0]!["archived_by_name"]!.GetValue<string>().ShouldBe("Ada Admin");

        var audit = await (await tenant.AdminClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit?customer_id={id}")).ReadJsonAsync();
        audit["events"]!.AsArray().Select(e => (e!["action"]!.GetValue<string>(), e["actor_name"]!.GetValue<string>()))
            .ShouldContain(("customer.archive", "Ada Admin"));
        audit["events"]!.AsArray().ShouldContain(e => e!["action"]!.GetValue<string>() == "customer.create" && e["actor_name"]!.GetValue<string>() == tenant.Office.Username);
        var log = await (await tenant.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}/{id}/reminders")).ReadJsonAsync();
        log["reminders"]!.AsArray().ShouldAllBe(r => r!["sent_by_name"]!.GetValue<string>() == tenant.Office.Username);
        log["reminders"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_warm_token_check_costs_no_database_round_trip()
    {
        var tenant = await app.CreateTenantAsync();
        var id = Id(await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Cheap Check", phone = "07700 900702" }));
        var client = tenant.OfficeClient();
        await client.GetUrlAsync($"{tenant.CustomersUrl}/{id}");

        var (response, commands) = await app.CountCommandsAsync(() => client.GetUrlAsync($"{tenant.CustomersUrl}/{id}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        // The customer's own query only: the user's stamp came from the cache.
        commands.ShouldBe(1);
    }

    [Fact]
    public async Task A_disabled_admins_token_stops_working_on_the_next_request()
    {
        var tenant = await app.CreateTenantAsync();
        var username = $"boss-{Guid.NewGuid():N}"[..20];
        var created = await (await tenant.AdminClient().PostJsonAsync(UsersUrl(tenant), new { username, password = Password, role = "tenant_admin" })).ReadJsonAsync();
        var secondAdmin = await SignedInAsync(username);
        (await secondAdmin.GetUrlAsync(UsersUrl(tenant))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await tenant.AdminClient().PutJsonAsync($"{UsersUrl(tenant)}/{created["id"]}", new { disabled = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await secondAdmin.GetUrlAsync(UsersUrl(tenant))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await secondAdmin.PutJsonAsync($"{UsersUrl(tenant)}/{tenant.Admin.Id}", new { disabled = true })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await tenant.AdminClient().GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
