namespace Customers.Web.Tests.Flows;

public sealed class DataProtectionFlowSqliteTests(SqliteWebHost host, Browsers browsers)
    : DataProtectionFlowTests(host, browsers), IClassFixture<SqliteWebHost>;

public sealed class DataProtectionFlowPostgresTests(PostgresWebHost host, Browsers browsers)
    : DataProtectionFlowTests(host, browsers), IClassFixture<PostgresWebHost>;

/// <summary>Data protection (§11, admins): the compliance report on screen and as CSV, each retention candidate one click from its record.</summary>
public abstract class DataProtectionFlowTests(IWebHost host, Browsers browsers)
{
    [Fact]
    public async Task An_admin_reads_the_report_downloads_it_and_opens_a_retention_candidate()
    {
        var tenant = await WebTenant.CreateAsync(host.App);
        var admin = tenant.Tenant.AdminClient();
        await admin.PostCustomerAsync(tenant.Tenant, new { name = "Pat Medical", phone = "07700 900601", medical_notes = "Epilepsy", email = "pat@example.org", reminder_opt_in = true, reminder_preference = "email" });
        var old = Id(await admin.PostCustomerAsync(tenant.Tenant, new { name = "Quinn Longago", phone = "07700 900602" }));
        var deleted = Id(await admin.PostCustomerAsync(tenant.Tenant, new { name = "Rae Removed", phone = "07700 900603" }));
        (await admin.DeleteAsync($"{tenant.Tenant.CustomersUrl}/{deleted}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await host.App.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == old || c.Id == deleted)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, DateTime.UtcNow.AddYears(-7)), TestContext.Current.CancellationToken));

        var office = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(office, tenant.OfficeUsername);
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Link, new() { Name = "Data protection" })).ToHaveCountAsync(0);

        var page = await browsers.NewPageAsync(host);
        await WebTenant.SignInAsync(page, tenant.AdminUsername);
        await page.GetByRole(AriaRole.Link, new() { Name = "Data protection" }).ClickAsync();
        await Assertions.Expect(page.GetByText("1 customer(s) with medical or medication notes")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("SMS 0 · email 1 · both 0")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = tenant.OfficeUsername })).ToContainTextAsync("Office staff");
        await Accessibility.ShouldHaveNoSeriousProblemsAsync(page);
        await Screenshots.SaveAsync(page, "data-protection");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var csv = System.Text.Encoding.UTF8.GetString(bytes);
        csv.ShouldStartWith("\uFEFFSection,Item,Count,Customer ID,Name,At,By,Role,Details");
        csv.ShouldContain("Retention candidate,unchanged,,");

        // A deleted candidate's record opens from the deleted list, where it can be erased.
        await page.GetByRole(AriaRole.Link, new() { Name = "Rae Removed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deleted customers", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data of Rae Removed" })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Quinn Longago" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quinn Longago" })).ToBeVisibleAsync();
    }
}
