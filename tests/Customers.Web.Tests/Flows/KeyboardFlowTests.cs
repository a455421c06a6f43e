namespace Customers.Web.Tests.Flows;

/// <summary>WCAG 2.2 AA (§11): the everyday flow done with the keyboard alone. Not database-specific, so on SQLite.</summary>
public sealed class KeyboardFlowTests(SqliteWebHost host, Browsers browsers) : IClassFixture<SqliteWebHost>
{
    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/> (at most 40 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new ShouldAssertException($"Tab never reached {selector}");
    }

    [Fact]
    public async Task Sign_in_and_create_a_customer_with_the_keyboard_only()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var page = await browsers.NewPageAsync(host);
        await page.GotoAsync("/sign-in");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await TabToAsync(page, "#username");
        await page.Keyboard.TypeAsync(tenant.OfficeUsername);
        await TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync(WebTenant.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();

        await TabToAsync(page, "a[href='customers/new']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New customer" })).ToBeVisibleAsync();
        await TabToAsync(page, "#field-name");
        await page.Keyboard.TypeAsync("Lena Keys");
        await TabToAsync(page, "#field-phone");
        await page.Keyboard.TypeAsync("07700 900415");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lena Keys", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Another_tenants_customer_cannot_be_opened_by_its_address()
    {
        var mine = await WebTenant.CreateAsync(host.App);
        var theirs = await WebTenant.CreateAsync(host.App);
        var id = Id(await theirs.Tenant.AdminClient().PostCustomerAsync(theirs.Tenant, new { name = "Nina Private", phone = "07700 900416", city = "Whitby" }));
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, mine.AdminUsername);

        await page.GotoAsync($"/customers/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Customer {id} not found");
        await Assertions.Expect(page.GetByText("Nina Private")).ToHaveCountAsync(0);
        await page.GotoAsync($"/customers/{id}/edit");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Customer {id} not found");
        await Assertions.Expect(page.GetByText("Whitby")).ToHaveCountAsync(0);
    }
}
