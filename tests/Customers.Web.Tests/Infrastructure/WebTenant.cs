namespace Customers.Web.Tests.Infrastructure;

/// <summary>A tenant of the test's own, whose admin and office user have real passwords, and ways to sign them in.</summary>
public sealed record WebTenant(TestTenant Tenant, string AdminUsername, string OfficeUsername)
{
    public const string Password = "browser-password-1";

    public static async Task<WebTenant> CreateAsync(CustomersApp app)
    {
        var tenant = await app.CreateTenantAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var admin = await app.CreateUserWithPasswordAsync($"admin-{suffix}", Password, Roles.TenantAdmin, tenant.Id);
        var office = await app.CreateUserWithPasswordAsync($"office-{suffix}", Password, Roles.OfficeStaff, tenant.Id);
        return new WebTenant(tenant, admin.Username, office.Username);
    }

    /// <summary>Signs in through the page and waits until the app shows the user signed in.</summary>
    public static async Task SignInAsync(IPage page, string username, string password = Password)
    {
        await TrySignInAsync(page, username, password);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Fills in the sign-in form and sends it, whatever the answer.</summary>
    public static async Task TrySignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
