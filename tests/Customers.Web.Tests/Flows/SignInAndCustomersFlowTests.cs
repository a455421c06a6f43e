namespace Customers.Web.Tests.Flows;

public sealed class SignInAndCustomersFlowSqliteTests(SqliteWebHost host, Browsers browsers)
    : SignInAndCustomersFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class SignInAndCustomersFlowPostgresTests(PostgresWebHost host, Browsers browsers)
    : SignInAndCustomersFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>The office web app in a real browser (§11): sign in and out, the customers table, a customer's form.</summary>
public abstract class SignInAndCustomersFlowTests(IWebHost host, Browsers browsers)
{
    private CustomersApp App => host.App;

    [Fact]
    public async Task Staff_sign_in_see_only_their_tenants_customers_in_UK_format_and_sign_out()
    {
        var mine = await WebTenant.CreateAsync(App);
        var theirs = await WebTenant.CreateAsync(App);
        await mine.Tenant.AdminClient().PostCustomerAsync(mine.Tenant, new { name = "Alice Mine", phone = "07700 900401", postcode = "ls6 2qx" });
        await theirs.Tenant.AdminClient().PostCustomerAsync(theirs.Tenant, new { name = "Bob Theirs", phone = "07700 900402" });
        var page = await browsers.NewPageAsync(host);

        await WebTenant.SignInAsync(page, mine.OfficeUsername);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Alice Mine" });
        await Assertions.Expect(row).ToContainTextAsync("07700 900401");
        await Assertions.Expect(row).ToContainTextAsync("LS6 2QX");
        await Assertions.Expect(row).ToContainTextAsync(DateTime.UtcNow.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByText("Bob Theirs")).ToHaveCountAsync(0);
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "customers");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_an_ended_session_returns_to_sign_in_with_a_reason()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var page = await browsers.NewPageAsync(host);

        await WebTenant.TrySignInAsync(page, tenant.OfficeUsername, "not-the-password");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid username or password");
        await Assertions.Expect(page.GetByLabel("Username")).ToHaveValueAsync(tenant.OfficeUsername);
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "sign-in");

        await WebTenant.SignInAsync(page, tenant.OfficeUsername);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        // The token goes bad (as when a key rotates or it is withdrawn): the next call is refused.
        await page.EvaluateAsync("""
            () => {
                const session = JSON.parse(sessionStorage.getItem("customers.session"));
                session.Token = session.Token.slice(0, -4) + "AAAA";
                sessionStorage.setItem("customers.session", JSON.stringify(session));
            }
            """);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Your session has ended")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_customer_with_a_mistake_shows_the_error_on_its_field_keeps_the_input_and_saves_once_fixed()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);

        await page.GetByRole(AriaRole.Link, new() { Name = "New customer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New customer" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Carol <b>New</b>");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("12345");
        await page.GetByLabel("Monday", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Monday pick-up (HH:mm)").FillAsync("9 o'clock");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        // The summary above the form, and each message under the field it names.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Phone number is not a valid phone number" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Phone number is not a valid phone number", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("div.me-auto", new() { HasText = "Time must be HH:MM" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#field-name")).ToHaveValueAsync("Carol <b>New</b>");
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "customer-form-errors");

        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("07700 900403");
        await page.GetByLabel("Monday pick-up (HH:mm)").FillAsync("09:15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Carol New", Level = 1 })).ToBeVisibleAsync();
        var stored = await App.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.TenantId == tenant.Tenant.Id, TestContext.Current.CancellationToken));
        (stored.Name, stored.Phone).ShouldBe(("Carol New", "+447700900403"));
        stored.Schedule.ShouldNotBeNull().ShouldContain("09:15");
    }

    [Fact]
    public async Task Search_as_you_type_then_archive_the_selected_rows_and_find_them_under_show_archived()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var admin = tenant.Tenant.AdminClient();
        foreach (var (name, phone) in new[] { ("Dora Search", "07700 900404"), ("Dora Other", "07700 900405"), ("Evan Stays", "07700 900406") })
        {
            await admin.PostCustomerAsync(tenant.Tenant, new { name, phone });
        }
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);
        await Assertions.Expect(page.GetByText("Evan Stays")).ToBeVisibleAsync();

        await page.GetByLabel("Search name, email, phone or postcode").FillAsync("dora");
        await Assertions.Expect(page.GetByText("Evan Stays")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Dora Search")).ToBeVisibleAsync();

        // Select both Doras (the header checkbox selects the page) and archive them.
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dora Search" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dora Other" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await Assertions.Expect(page.GetByText("2 selected")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("2 customer(s) archived successfully")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Dora Search")).ToHaveCountAsync(0);

        await page.GetByLabel("Show archived").CheckAsync();
        var archivedRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dora Search" });
        await Assertions.Expect(archivedRow).ToContainTextAsync("Archived");
        var archived = await App.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Tenant.Id && c.Archived, TestContext.Current.CancellationToken));
        archived.ShouldBe(2);
    }

    [Fact]
    public async Task Export_downloads_the_APIs_CSV_for_the_same_filters_and_update_selected_sets_a_field_on_each()
    {
        var tenant = await WebTenant.CreateAsync(App);
        var admin = tenant.Tenant.AdminClient();
        foreach (var (name, phone) in new[] { ("Mia Export", "07700 900417"), ("Max Export", "07700 900418"), ("Ned Other", "07700 900419") })
        {
            await admin.PostCustomerAsync(tenant.Tenant, new { name, phone, paying_org = "NHS" });
        }
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);
        await page.GetByLabel("Search name, email, phone or postcode").FillAsync("export");
        await Assertions.Expect(page.GetByText("Ned Other")).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var downloaded = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var expected = await (await admin.GetUrlAsync($"{tenant.Tenant.CustomersUrl}/export?archived=false&search=export")).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        downloaded.ShouldBe(expected);
        download.SuggestedFilename.ShouldStartWith("customers-");

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mia Export" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Max Export" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update selected" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Set city").CheckAsync();
        await dialog.GetByLabel("City", new() { Exact = true }).FillAsync("Harrogate");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();

        await Assertions.Expect(page.GetByText("2 of 2 customer(s) updated")).ToBeVisibleAsync();
        var cities = await App.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Tenant.Id).OrderBy(c => c.Name)
            .Select(c => c.City).ToListAsync(TestContext.Current.CancellationToken));
        cities.ShouldBe(["Harrogate", "Harrogate", null]);
    }
}
