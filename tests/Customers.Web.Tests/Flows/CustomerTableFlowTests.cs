namespace Customers.Web.Tests.Flows;

public sealed class CustomerTableFlowSqliteTests(SqliteWebHost host, Browsers browsers)
    : CustomerTableFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class CustomerTableFlowPostgresTests(PostgresWebHost host, Browsers browsers)
    : CustomerTableFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>The customers table (§11): filter, sort, page, select all matching → archive, unarchive, delete; and an edit.</summary>
public abstract class CustomerTableFlowTests(IWebHost host, Browsers browsers)
{
    private CustomersApp App => host.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> CountAsync(WebTenant tenant, Func<Customer, bool> where) =>
        App.WithDbAsync(async db => (await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenant.Tenant.Id).ToListAsync(Ct)).Count(where));

    [Fact]
    public async Task Filter_sort_page_then_select_all_matching_to_archive_unarchive_and_delete()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var admin = tenant.Tenant.AdminClient();
        var council = Enumerable.Range(1, 30).Select(i => new { name = $"Zed Match {i:00}", phone = $"07700 9005{i:00}", paying_org = "Council" });
        var others = Enumerable.Range(1, 3).Select(i => new { name = $"Other Person {i}", phone = $"07700 9006{i:00}", paying_org = "NHS" });
        (await admin.PostJsonAsync($"{tenant.Tenant.CustomersUrl}/bulk", new { customers = council.Cast<object>().Concat(others) })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);

        await page.GetByLabel("Paying org").FillAsync("Council");
        await Assertions.Expect(page.GetByText("Other Person 1")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("1-25 of 30")).ToBeVisibleAsync();
        // Sorted by name, descending after a click on its header (a button, so keyboards reach it); then the next page.
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.GetByRole(AriaRole.Button, new() { Name = "Name" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Zed Match 30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.GetByText("26-30 of 30")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Zed Match 05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Assertions.Expect(page.GetByText("1-25 of 30")).ToBeVisibleAsync();

        // The header checkbox selects the page; "all matching" widens it to all 30.
        await page.GetByRole(AriaRole.Row).First.GetByRole(AriaRole.Checkbox).CheckAsync();
        await Assertions.Expect(page.GetByText("25 selected")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Select all 30 matching" }).ClickAsync();
        await Assertions.Expect(page.GetByText("All 30 matching selected")).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("30 customer(s) archived successfully")).ToBeVisibleAsync();
        (await CountAsync(tenant, c => c.Archived)).ShouldBe(30);

        await page.GetByLabel("Show archived").CheckAsync();
        await Assertions.Expect(page.GetByText("1-25 of 30")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).First.GetByRole(AriaRole.Checkbox)).Not.ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Row).First.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Select all 30 matching" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unarchive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("30 customer(s) unarchived successfully")).ToBeVisibleAsync();
        (await CountAsync(tenant, c => c.Archived)).ShouldBe(0);

        // The first nine by their phones (07700 900501–509); "zed match 0" would find all 30, since each
        // word matches anywhere (§4) and every phone holds a 0.
        await page.GetByLabel("Search name, email, phone or postcode").FillAsync("90050");
        await Assertions.Expect(page.GetByText("1-9 of 9")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Zed Match 10")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Row).First.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("Delete 9 customer(s)?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete 9" }).ClickAsync();
        await Assertions.Expect(page.GetByText("9 customer(s) deleted successfully")).ToBeVisibleAsync();
        (await CountAsync(tenant, c => !c.IsActive)).ShouldBe(9);
        (await CountAsync(tenant, c => c.IsActive && c.PayingOrg == "NHS")).ShouldBe(3);
    }

    [Fact]
    public async Task Edit_changes_a_field_and_the_detail_page_shows_it()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var id = Id(await tenant.Tenant.AdminClient().PostCustomerAsync(tenant.Tenant, new { name = "Edna Edit", phone = "07700 900651", city = "York" }));
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);

        await page.GotoAsync($"/customers/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("City", new() { Exact = true })).ToHaveValueAsync("York");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Harrogate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edna Edit", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Harrogate")).ToBeVisibleAsync();
        (await App.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.City).SingleAsync(Ct))).ShouldBe("Harrogate");
    }
}
