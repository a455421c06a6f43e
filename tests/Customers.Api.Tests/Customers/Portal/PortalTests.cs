using System.Text.RegularExpressions;

namespace Customers.Api.Tests.Customers.Portal;

public sealed class PortalSqliteTests(SqliteAppWithChannels app) : PortalTests(app, app.Channels.Smtp), IClassFixture<SqliteAppWithChannels>;

public sealed class PortalPostgresTests(PostgresAppWithChannels app) : PortalTests(app, app.Channels.Smtp), IClassFixture<PostgresAppWithChannels>;

/// <summary>Customer portal accounts (§2) through real HTTP: invitation by e-mail, password, sign-in, narrow rights, tokens that end.</summary>
public abstract partial class PortalTests(CustomersApp app, LoopbackSmtpServer smtp)
{
    private const string Password = "my-portal-password";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("#token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();

    private static async Task<(int Id, string Email)> PortalCustomerAsync(TestTenant tenant, string username)
    {
        var email = $"pat-{Guid.NewGuid():N}@example.org";
        var customer = await tenant.OfficeClient().PostCustomerAsync(tenant, new
        {
            name = $"Pat {username}", phone = "07700 900901", email, is_login_enabled = true, username,
        });
        return (Id(customer), email);
    }

    private static async Task<JsonNode> InviteAsync(TestTenant tenant, int id)
    {
        var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/{id}/portal-invitation", null, Ct);
        var body = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private Task<HttpResponseMessage> SetPasswordAsync(string token, string password) =>
        app.CreateClient().PostJsonAsync("/api/auth/set-password", new { token, password });

    private Task<HttpClient> PortalClientAsync(int tenantId, string username) =>
        app.SignInAsync(new { tenant_id = tenantId, username, password = Password });

    [Fact]
    public async Task Invitation_email_password_sign_in_own_record_only_and_login_off_ends_the_token()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var username = $"pat.{Guid.NewGuid():N}"[..16];
        var (id, email) = await PortalCustomerAsync(tenant, username);
        var neighbour = Id(await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Ned Neighbour", phone = "07700 900902" }));

        var invitation = await InviteAsync(tenant, id);

        invitation["email_status"]!.GetValue<string>().ShouldBe("sent");
        invitation["username"]!.GetValue<string>().ShouldBe(username);
        invitation["expires_at"]!.GetValue<DateTime>().ShouldBe(DateTime.UtcNow.AddDays(7), TimeSpan.FromMinutes(1));
        var mail = smtp.Received.Last(m => m.Recipient == email);
        var token = TokenInLink().Match(mail.Data).Groups[1].Value;
        token.ShouldBe(invitation["token"]!.GetValue<string>());
        Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length.ShouldBeGreaterThanOrEqualTo(16);
        (await app.WithDbAsync(db => db.PortalInvitations.AnyAsync(i => i.TokenHash == token || i.TokenHash.Contains(token), Ct))).ShouldBeFalse();

        (await SetPasswordAsync(token, Password)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var portal = await PortalClientAsync(tenant.Id, username);

        (await portal.GetUrlAsync($"{tenant.CustomersUrl}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await portal.GetUrlAsync($"{tenant.CustomersUrl}/{id}/reminders")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await portal.PutJsonAsync($"{tenant.CustomersUrl}/{id}/reminder-settings", new { reminder_opt_in = true, reminder_preference = "email" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await portal.GetUrlAsync($"{tenant.CustomersUrl}/{neighbour}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await portal.GetUrlAsync($"/api/tenants/{other.Id}/customers/{id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await portal.PutJsonAsync($"{tenant.CustomersUrl}/{id}", new { city = "Leeds" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await portal.PostAsync($"{tenant.CustomersUrl}/{id}/archive", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await portal.GetUrlAsync(tenant.CustomersUrl)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // Without the tenant, a customer's username is nobody's.
        await (await app.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await tenant.OfficeClient().PutJsonAsync($"{tenant.CustomersUrl}/{id}", new { is_login_enabled = false, username = (string?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await portal.GetUrlAsync($"{tenant.CustomersUrl}/{id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostJsonAsync("/api/auth/login", new { tenant_id = tenant.Id, username, password = Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id && e.CustomerIds.Contains(id)).Select(e => e.Action).ToListAsync(Ct));
        actions.ShouldContain("customer.portal_invitation");
        actions.ShouldContain("customer.portal_password_set");
    }

    [Fact]
    public async Task A_token_works_once_a_newer_invitation_voids_the_older_and_an_expired_one_is_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var username = $"pat.{Guid.NewGuid():N}"[..16];
        var (id, _) = await PortalCustomerAsync(tenant, username);
        var first = (await InviteAsync(tenant, id))["token"]!.GetValue<string>();
        var second = (await InviteAsync(tenant, id))["token"]!.GetValue<string>();

        var voided = await SetPasswordAsync(first, Password);
        (await voided.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe(global::Customers.Api.Customers.Portal.PortalApi.InvalidInvitation);
        foreach (var (weak, message) in new[] { ("short", "password must be at least 10 characters"), ("qwertyuiop", "password is one of the most common passwords: choose another") })
        {
            (await (await SetPasswordAsync(second, weak)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("password").ShouldBe([message]);
        }
        (await SetPasswordAsync(second, Password)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await SetPasswordAsync(second, "yet-another-password")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await PortalClientAsync(tenant.Id, username);

        var third = (await InviteAsync(tenant, id))["token"]!.GetValue<string>();
        await app.WithDbAsync(db => db.PortalInvitations.Where(i => i.CustomerId == id && i.SpentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        await (await SetPasswordAsync(third, "yet-another-password")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await SetPasswordAsync("not-a-token", "yet-another-password")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_username_in_two_tenants_signs_in_to_the_right_one_and_archiving_ends_the_token()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var username = $"pat.{Guid.NewGuid():N}"[..16];
        var (firstId, _) = await PortalCustomerAsync(first, username);
        var (secondId, _) = await PortalCustomerAsync(second, username);
        (await SetPasswordAsync((await InviteAsync(first, firstId))["token"]!.GetValue<string>(), Password)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SetPasswordAsync((await InviteAsync(second, secondId))["token"]!.GetValue<string>(), Password)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var inSecond = await PortalClientAsync(second.Id, username);

        (await inSecond.GetUrlAsync($"{second.CustomersUrl}/{secondId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await inSecond.GetUrlAsync($"{first.CustomersUrl}/{firstId}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await second.OfficeClient().PostAsync($"{second.CustomersUrl}/{secondId}/archive", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await inSecond.GetUrlAsync($"{second.CustomersUrl}/{secondId}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        // Inviting needs login on and an active customer.
        await (await second.OfficeClient().PostAsync($"{second.CustomersUrl}/{secondId}/portal-invitation", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await first.OfficeClient().PostAsync($"{second.CustomersUrl}/{secondId}/portal-invitation", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await PortalClientAsync(first.Id, username)).GetUrlAsync($"{first.CustomersUrl}/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_or_erasing_the_customer_ends_their_portal_token_at_once()
    {
        var tenant = await app.CreateTenantAsync();
        var tokens = new List<(int Id, HttpClient Portal)>();
        for (var i = 0; i < 2; i++)
        {
            var username = $"gone.{Guid.NewGuid():N}"[..16];
            var (id, _) = await PortalCustomerAsync(tenant, username);
            (await SetPasswordAsync((await InviteAsync(tenant, id))["token"]!.GetValue<string>(), Password)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var portal = await PortalClientAsync(tenant.Id, username);
            (await portal.GetUrlAsync($"{tenant.CustomersUrl}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            tokens.Add((id, portal));
        }

        (await tenant.AdminClient().DeleteAsync($"{tenant.CustomersUrl}/{tokens[0].Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await tenant.AdminClient().PostAsync($"{tenant.CustomersUrl}/{tokens[1].Id}/erase", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var (id, portal) in tokens)
        {
            await (await portal.GetUrlAsync($"{tenant.CustomersUrl}/{id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
    }
}
