namespace Customers.Web.Tests.Flows;

public sealed class FailureAndPlatformAdminFlowSqliteTests(SqliteWebHost host, Browsers browsers)
    : FailureAndPlatformAdminFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class FailureAndPlatformAdminFlowPostgresTests(PostgresWebHost host, Browsers browsers)
    : FailureAndPlatformAdminFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>
/// §11's "bad input and failure": a lost connection, a 429, a 409 and a 500 each get a plain
/// sentence and keep what was typed; and a platform admin picks the tenant to work in.
/// </summary>
public abstract class FailureAndPlatformAdminFlowTests(IWebHost host, Browsers browsers)
{
    private CustomersApp App => host.App;

    private static Task ProblemAsync(IRoute route, int status, string detail, Dictionary<string, string>? headers = null) =>
        route.FulfillAsync(new()
        {
            Status = status,
            ContentType = "application/problem+json",
            Headers = headers,
            Body = System.Text.Json.JsonSerializer.Serialize(new { status, detail, error = detail }),
        });

    [Fact]
    public async Task Each_failure_of_a_save_says_what_happened_in_a_sentence_and_keeps_the_input()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);
        await page.GetByRole(AriaRole.Link, new() { Name = "New customer" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Fran Failure");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("07700 900471");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save" });
        var customersApi = $"**/api/tenants/{tenant.Tenant.Id}/customers";

        var failures = new (Func<IRoute, Task> Answer, string Sentence)[]
        {
            (r => ProblemAsync(r, 500, "NullReferenceException at Customers.Api.Secret()"), "Something went wrong on our side. Nothing you typed is lost"),
            (r => ProblemAsync(r, 429, "Too many requests", new() { ["Retry-After"] = "30" }), "please wait 30 seconds and try again"),
            (r => ProblemAsync(r, 409, "Customer 12 was changed by someone else: reload it to see the change"), "Customer 12 was changed by someone else"),
            (r => r.AbortAsync("connectionreset"), "The service cannot be reached. Check your connection and try again"),
        };
        foreach (var (answer, sentence) in failures)
        {
            await page.RouteAsync(customersApi, route => route.Request.Method == "POST" ? answer(route) : route.ContinueAsync());
            await save.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = sentence })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("NullReferenceException")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#field-name")).ToHaveValueAsync("Fran Failure");
            await page.UnrouteAllAsync();
        }

        await save.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fran Failure", Level = 1 })).ToBeVisibleAsync();
        (await App.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Tenant.Id, TestContext.Current.CancellationToken))).ShouldBe(1);
    }

    private Task<string> TenantNameAsync(WebTenant tenant) =>
        App.WithDbAsync(db => db.Tenants.Where(t => t.Id == tenant.Tenant.Id).Select(t => t.Name).SingleAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_platform_admin_picks_a_tenant_and_works_in_it()
    {
        var first = await WebTenant.CreateAsync(App);
        var second = await WebTenant.CreateAsync(App);
        await first.Tenant.AdminClient().PostCustomerAsync(first.Tenant, new { name = "Pia First", phone = "07700 900472" });
        await second.Tenant.AdminClient().PostCustomerAsync(second.Tenant, new { name = "Quin Second", phone = "07700 900473" });
        var platform = await App.CreateUserWithPasswordAsync($"platform-{Guid.NewGuid():N}"[..20], WebTenant.Password, Roles.PlatformAdmin, null);
        var (firstName, secondName) = (await TenantNameAsync(first), await TenantNameAsync(second));
        var page = await browsers.NewPageAsync(host);

        await WebTenant.SignInAsync(page, platform.Username);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a tenant" })).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "tenants");
        await page.GetByLabel("Find a tenant by name or number").FillAsync(secondName[^12..]);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"{first.Tenant.Id} · {firstName}" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = $"{second.Tenant.Id} · {secondName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Quin Second")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Pia First")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(secondName);
    }
}
