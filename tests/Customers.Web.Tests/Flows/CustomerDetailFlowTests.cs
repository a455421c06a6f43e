namespace Customers.Web.Tests.Flows;

public sealed class CustomerDetailFlowSqliteTests(SqliteWebHost host, Browsers browsers)
    : CustomerDetailFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class CustomerDetailFlowPostgresTests(PostgresWebHost host, Browsers browsers)
    : CustomerDetailFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>A customer's page (§11): reminders through a real SMTP server and their log; history and erasure for admins only.</summary>
public abstract class CustomerDetailFlowTests(IWebHost host, Browsers browsers)
{
    [Fact]
    public async Task Office_staff_send_a_reminder_see_it_logged_and_are_offered_no_erasure_or_history()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var email = $"rider-{Guid.NewGuid():N}@example.org";
        var id = Id(await tenant.Tenant.AdminClient().PostCustomerAsync(tenant.Tenant, new
        {
            name = "Fay Reminder", phone = "07700 900407", email, reminder_opt_in = true, reminder_preference = "email",
            schedule = new { tuesday = new { pickup_time = "08:45", destination = "Day Centre" } },
        }));
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);

        await page.GetByRole(AriaRole.Link, new() { Name = "Fay Reminder" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fay Reminder", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tuesday 08:45 Day Centre")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToHaveCountAsync(0);

        await page.GetByLabel("Reminder message").FillAsync("Pick-up tomorrow at 08:45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reminder" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("sent");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync(tenant.OfficeUsername);
        host.Channels.Smtp.Received.ShouldContain(m => m.Recipient == email && m.Data.Contains("Pick-up tomorrow at 08:45"));
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "customer");
        (await page.EvaluateAsync<int>("() => document.querySelectorAll('a[href=\"customers/" + id + "/edit\"]').length")).ShouldBe(1);
    }

    [Fact]
    public async Task An_admin_sees_the_history_and_erases_after_typing_the_name()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var id = Id(await tenant.Tenant.AdminClient().PostCustomerAsync(tenant.Tenant, new { name = "Gus Erase", phone = "07700 900408", city = "Leeds" }));
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.AdminUsername);

        await page.GotoAsync($"/customers/{id}");
        // Who did it, by name (the admin's username: they have no display name).
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "customer.create" })).ToContainTextAsync(tenant.Tenant.Admin.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        var erase = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Erase" });
        await Assertions.Expect(erase).ToBeDisabledAsync();
        await page.GetByLabel("Type the customer's name to confirm").FillAsync("Gus Erase");
        await erase.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Erased customer {id}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Leeds")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "customer.erase" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Office_staff_invite_a_customer_to_the_portal_and_see_the_link_that_was_emailed()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var email = $"portal-{Guid.NewGuid():N}@example.org";
        var username = $"hal.{Guid.NewGuid():N}"[..14];
        var id = Id(await tenant.Tenant.AdminClient().PostCustomerAsync(tenant.Tenant, new { name = "Hal Portal", phone = "07700 900409", email, is_login_enabled = true, username }));
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);

        await page.GotoAsync($"/customers/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite to portal" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Invitation" })).ToContainTextAsync($"Invitation e-mailed to {email}.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Invitation" })).ToContainTextAsync(username);
        var link = await page.GetByLabel("Invitation link").InputValueAsync();
        link.ShouldContain("#token=");
        host.Channels.Smtp.Received.ShouldContain(m => m.Recipient == email && m.Data.Contains(link));
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);

        // The customer follows the link (in a browser of their own, not signed in) and sets a password.
        var customerPage = await browsers.NewPageAsync(host);
        await customerPage.GotoAsync("/set-password" + link[link.IndexOf('#', StringComparison.Ordinal)..]);
        await customerPage.GetByLabel("New password").FillAsync("qwertyuiop");
        await customerPage.GetByLabel("The same password again").FillAsync("qwertyuiop");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(customerPage.GetByText("password is one of the most common passwords: choose another")).ToBeVisibleAsync();
        await customerPage.GetByLabel("New password").FillAsync("hal-portal-password");
        await customerPage.GetByLabel("The same password again").FillAsync("hal-portal-password");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(customerPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your password is set" })).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(customerPage);
        var login = await host.App.CreateClient().PostJsonAsync("/api/auth/login", new { tenant_id = tenant.Tenant.Id, username, password = "hal-portal-password" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
