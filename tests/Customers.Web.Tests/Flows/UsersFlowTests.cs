namespace Customers.Web.Tests.Flows;

public sealed class UsersFlowSqliteTests(SqliteWebHost host, Browsers browsers) : UsersFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class UsersFlowPostgresTests(PostgresWebHost host, Browsers browsers) : UsersFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>The Users page (§11, admins): add, change role, disable, set password; office staff are offered none of it.</summary>
public abstract class UsersFlowTests(IWebHost host, Browsers browsers)
{
    private CustomersApp App => host.App;

    [Fact]
    public async Task An_admin_adds_a_user_disables_them_and_sets_their_password()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var newcomer = $"new-{Guid.NewGuid():N}"[..16];
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.AdminUsername);

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = tenant.OfficeUsername })).ToContainTextAsync("Office staff");

        await page.GetByLabel("Username").FillAsync(newcomer);
        await page.GetByLabel("Display name").FillAsync("Nina Newcomer");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("1234567890");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.GetByText("password is one of the most common passwords: choose another")).ToBeVisibleAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a-fine-long-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = newcomer });
        await Assertions.Expect(row).ToContainTextAsync("Nina Newcomer");
        await Assertions.Expect(row).ToContainTextAsync("never");
        await Assertions.Expect(page.GetByText($"{newcomer} can now sign in")).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "users");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Make admin: {newcomer}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Admin");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Disable: {newcomer}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Disabled");
        (await App.CreateClient().PostJsonAsync("/api/auth/login", new { username = newcomer, password = "a-fine-long-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The admin's own row offers no way to lock themselves out.
        var own = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{tenant.AdminUsername} (you)" });
        await Assertions.Expect(own.GetByRole(AriaRole.Button, new() { Name = $"Disable: {tenant.AdminUsername}" })).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Enable: {newcomer}" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Set password: {newcomer}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("New password").FillAsync("short");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(dialog.GetByText("password must be at least 10 characters")).ToBeVisibleAsync();
        await dialog.GetByLabel("New password").FillAsync("another-fine-password");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{newcomer}: password set; their sessions ended")).ToBeVisibleAsync();
        (await App.CreateClient().PostJsonAsync("/api/auth/login", new { username = newcomer, password = "another-fine-password" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Office_staff_are_offered_no_users_page()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await page.GotoAsync("/users");
        await Assertions.Expect(page.GetByText("Only admins manage users.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add user" })).ToHaveCountAsync(0);
    }
}
