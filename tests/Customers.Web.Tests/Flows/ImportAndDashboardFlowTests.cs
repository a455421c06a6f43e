using System.Text;

namespace Customers.Web.Tests.Flows;

public sealed class ImportAndDashboardFlowSqliteTests(SqliteWebHost host, Browsers browsers)
    : ImportAndDashboardFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class ImportAndDashboardFlowPostgresTests(PostgresWebHost host, Browsers browsers)
    : ImportAndDashboardFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>Import (§11): a dry run, its error file, the real run with progress that survives a reload; the dashboard's charts.</summary>
public abstract class ImportAndDashboardFlowTests(IWebHost host, Browsers browsers)
{
    [Fact]
    public async Task A_dry_run_then_the_import_show_progress_the_error_file_and_survive_a_reload()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);
        var csv = Encoding.UTF8.GetBytes("Name,Phone,City\r\nHana Import,07700 900411,Leeds\r\nIvo Import,07700 900412,York\r\nBad Phone,12345,Leeds\r\n");

        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import customers" })).ToBeVisibleAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = csv });
        await page.GetByLabel("Dry run (check only, write nothing)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Dry run finished: nothing was written.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("3 of 3 rows · 2 created · 0 updated · 1 failed")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download error file" }).ClickAsync());
        var errors = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        errors.ShouldContain("Bad Phone");
        errors.ShouldContain("not a valid phone number");
        (await CountCustomersAsync(tenant.Tenant)).ShouldBe(0);
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "import-dry-run");

        // The same file for real, without uploading it again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import these rows for real" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Import finished.")).ToBeVisibleAsync();
        var jobUrl = page.Url;
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Import finished.")).ToBeVisibleAsync();
        page.Url.ShouldBe(jobUrl);
        await Assertions.Expect(page.GetByText("3 of 3 rows · 2 created · 0 updated · 1 failed")).ToBeVisibleAsync();
        (await CountCustomersAsync(tenant.Tenant)).ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_columns_are_matched_to_fields_by_hand_and_the_import_is_then_reverted()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.OfficeUsername);
        var csv = Encoding.UTF8.GetBytes("Passenger,Mobile No,Office Notes\r\nLiam Mapped,07700 900415,ignore me\r\nMia Mapped,07700 900416,\r\n");

        await page.GotoAsync("/imports");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "passengers.csv", MimeType = "text/csv", Buffer = csv });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Unknown column(s): 'Passenger'");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Match the columns to fields" })).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "import-mapping");

        // "Mobile No" comes preset to its likeliest field (phone); the name is chosen by hand, the notes left out.
        await page.GetByLabel("Field for Passenger").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Name", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start import with these columns" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Import finished.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mobile No" })).ToContainTextAsync("Phone");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Office Notes" })).ToContainTextAsync("Left out");
        (await CountCustomersAsync(tenant.Tenant)).ShouldBe(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revert this import" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revert import" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Import finished, then reverted.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("2 created customer(s) deleted")).ToBeVisibleAsync();
        (await CountCustomersAsync(tenant.Tenant)).ShouldBe(0);
        await Screenshots.SaveAsync(page, "import-reverted");
    }

    [Fact]
    public async Task An_admin_restores_or_erases_a_deleted_customer_and_office_staff_have_no_deleted_list()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var admin = tenant.Tenant.AdminClient();
        var id = Id(await admin.PostCustomerAsync(tenant.Tenant, new { name = "Nora Deleted", phone = "07700 900417" }));
        var erasedId = Id(await admin.PostCustomerAsync(tenant.Tenant, new { name = "Otto Forget", phone = "07700 900418", medical_notes = "Asthma" }));
        foreach (var deleted in new[] { id, erasedId })
        {
            (await admin.DeleteAsync($"{tenant.Tenant.CustomersUrl}/{deleted}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var office = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(office, tenant.OfficeUsername);
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Link, new() { Name = "Deleted customers" })).ToHaveCountAsync(0);

        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.AdminUsername);
        await page.GetByRole(AriaRole.Link, new() { Name = "Deleted customers" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nora Deleted" });
        await Assertions.Expect(row).ToContainTextAsync("07700 900417");
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "deleted-customers");
        await row.GetByRole(AriaRole.Button, new() { Name = "Restore Nora Deleted" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        (await GetCustomerAsync(admin, tenant.Tenant, id))["name"]!.GetValue<string>().ShouldBe("Nora Deleted");

        // An erasure request for a deleted customer: its data goes, the record stays deleted.
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data of Otto Forget" }).ClickAsync();
        await page.GetByLabel("Type the customer's name to confirm").FillAsync("Otto Forget");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();
        var erasedRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Erased customer {erasedId}" });
        await Assertions.Expect(erasedRow).ToBeVisibleAsync();
        await Assertions.Expect(erasedRow.GetByRole(AriaRole.Button, new() { Name = $"Erase personal data of Erased customer {erasedId}" })).ToHaveCountAsync(0);
        var export = await (await admin.GetUrlAsync($"{tenant.Tenant.CustomersUrl}/{erasedId}/data-export")).ReadJsonAsync();
        export.ToJsonString().ShouldNotContain("Asthma");
        export["customer"]!["deleted_at"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_dashboard_shows_the_statistics_as_charts_and_admins_the_recent_bulk_work()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var admin = tenant.Tenant.AdminClient();
        (await admin.PostJsonAsync($"{tenant.Tenant.CustomersUrl}/bulk", new
        {
            customers = new[]
            {
                new { name = "Jo Chart", phone = "07700 900413", paying_org = "NHS", schedule = new { monday = new { pickup_time = "09:00" } } },
                new { name = "Kim Chart", phone = "07700 900414", paying_org = "Council", schedule = new { monday = new { pickup_time = "10:30" } } },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var office = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(office, tenant.OfficeUsername);
        await office.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        foreach (var chart in new[] { "Customers by paying org", "Pick-ups by hour", "Trips by weekday" })
        {
            await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Name = chart })).ToBeVisibleAsync();
        }
        await Assertions.Expect(office.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(office.GetByText("NHS: 1")).ToBeAttachedAsync();
        await Assertions.Expect(office.GetByText("Mon: 2")).ToBeAttachedAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Name = "Recent bulk operations and imports" })).ToHaveCountAsync(0);
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(office);
        await Screenshots.SaveAsync(office, "dashboard");

        var adminPage = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(adminPage, tenant.AdminUsername);
        await adminPage.GotoAsync("/dashboard");
        await Assertions.Expect(adminPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "customers.bulk_create" })).ToBeVisibleAsync();
    }
}
