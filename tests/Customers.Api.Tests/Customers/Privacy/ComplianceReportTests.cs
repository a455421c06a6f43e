using System.Net.Http.Headers;

namespace Customers.Api.Tests.Customers.Privacy;

public sealed class ComplianceReportSqliteTests(SqliteApp app) : ComplianceReportTests(app), IClassFixture<SqliteApp>;

public sealed class ComplianceReportPostgresTests(PostgresApp app) : ComplianceReportTests(app), IClassFixture<PostgresApp>;

/// <summary>The DPO's compliance report (§7): every number and list equals what the tenant holds and did in the period.</summary>
public abstract class ComplianceReportTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(TestTenant Tenant, int Medical, int Medication, int Erased, int OldArchived, int Unchanged, int Recent, int Formula);

    private async Task<Setup> TenantWithKnownDataAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = tenant.AdminClient();
        var medical = Id(await admin.PostCustomerAsync(tenant, new { name = "Med Ical", phone = "07700 900501", medical_notes = "Diabetic", reminder_opt_in = true, reminder_preference = "sms" }));
        var medication = Id(await admin.PostCustomerAsync(tenant, new { name = "Medi Cation", phone = "07700 900502", medication_notes = "Insulin", email = "medi@example.org", reminder_opt_in = true, reminder_preference = "email" }));
        var erased = Id(await admin.PostCustomerAsync(tenant, new { name = "Era Sed", phone = "07700 900503", email = "era@example.org", reminder_opt_in = true, reminder_preference = "both" }));
        var oldArchived = Id(await admin.PostCustomerAsync(tenant, new { name = "Old Archived", phone = "07700 900504", email = "old@example.org", reminder_opt_in = true, reminder_preference = "both" }));
        var unchanged = Id(await admin.PostCustomerAsync(tenant, new { name = "Long Unchanged", phone = "07700 900505" }));
        var recent = Id(await admin.PostCustomerAsync(tenant, new { name = "Recent Change", phone = "07700 900506" }));
        var formula = Id(await admin.PostCustomerAsync(tenant, new { name = "Formula Person", phone = "07700 900507" }));

        (await admin.GetUrlAsync($"{tenant.CustomersUrl}/{medical}/data-export")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"{tenant.CustomersUrl}/{erased}/erase", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetStringAsync($"{tenant.CustomersUrl}/export?paying_org=NHS", Ct)).ShouldNotBeEmpty();
        await admin.PostAsync($"{tenant.CustomersUrl}/{oldArchived}/archive", null, Ct);
        var longAgo = DateTime.UtcNow.AddYears(-7);
        await app.WithDbAsync(async db =>
        {
            await db.Customers.Where(c => c.Id == oldArchived).ExecuteUpdateAsync(s => s.SetProperty(c => c.ArchivedAt, longAgo), Ct);
            await db.Customers.Where(c => c.Id == unchanged || c.Id == formula).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, longAgo), Ct);
            await db.Customers.Where(c => c.Id == formula).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "=HYPERLINK(\"x\")"), Ct);
            // A subject access export two years ago: outside the default period.
            db.AuditEvents.Add(global::Customers.Api.Audit.AuditEvent.Create(tenant.Id, tenant.Admin.Id, "customer.data_export", [recent], new { }, DateTime.UtcNow.AddYears(-2)));
            // A disabled user has no access; nor has another tenant's.
            db.Users.Add(new User { Username = $"gone-{Guid.NewGuid():N}", PasswordHash = "x", Role = Roles.OfficeStaff, TenantId = tenant.Id, Disabled = true });
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        return new Setup(tenant, medical, medication, erased, oldArchived, unchanged, recent, formula);
    }

    [Fact]
    public async Task The_report_holds_exactly_what_the_tenant_holds_and_did_in_the_period_and_is_audited()
    {
        var setup = await TenantWithKnownDataAsync();
        var tenant = setup.Tenant;

        var response = await tenant.AdminClient().GetUrlAsync($"/api/tenants/{tenant.Id}/compliance-report");
        var report = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, report.ToJsonString());

        report["tenant_id"]!.GetValue<int>().ShouldBe(tenant.Id);
        report["to"]!.GetValue<string>().ShouldBe(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        report["retention_years"]!.GetValue<int>().ShouldBe(6);
        report["special_category_customers"]!.GetValue<int>().ShouldBe(2);
        // The erased customer's consent went with its personal data.
        report["reminder_consent"]!.ToJsonString().ShouldBe("""{"sms":1,"email":1,"both":1}""");
        report["subject_access_exports"]!.AsArray().Select(e => e!["customer_id"]!.GetValue<int>()).ShouldBe([setup.Medical]);
        report["subject_access_exports"]![0]!["by"]!.GetValue<int>().ShouldBe(tenant.Admin.Id);
        report["subject_access_exports"]![0]!["by_name"]!.GetValue<string>().ShouldBe(tenant.Admin.Username);
        report["erasures"]!.AsArray().Select(e => e!["customer_id"]!.GetValue<int>()).ShouldBe([setup.Erased]);
        var export = report["customer_exports"]!.AsArray().Single()!;
        export["rows"]!.GetValue<int>().ShouldBe(0);
        export["filters"]!["paying_org"]!.GetValue<string>().ShouldBe("NHS");
        var staff = report["staff"]!.AsArray().Select(s => (s!["username"]!.GetValue<string>(), s["role"]!.GetValue<string>())).ToList();
        staff.ShouldContain((tenant.Admin.Username, Roles.TenantAdmin));
        staff.ShouldContain((tenant.Office.Username, Roles.OfficeStaff));
        staff.Where(s => s.Item2 != Roles.PlatformAdmin).Count().ShouldBe(2);
        report["retention_candidates"]!.AsArray().Select(c => (c!["customer_id"]!.GetValue<int>(), c["reason"]!.GetValue<string>())).OrderBy(c => c.Item1)
            .ShouldBe(new[] { (setup.OldArchived, "archived"), (setup.Unchanged, "unchanged"), (setup.Formula, "unchanged") }.OrderBy(c => c.Item1));

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id && e.Action == "tenant.compliance_report").ToListAsync(Ct));
        audit.Single().ActorUserId.ShouldBe(tenant.Admin.Id);
    }

    [Fact]
    public async Task Deleted_customers_still_hold_their_data_until_erased_and_are_reported()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = tenant.AdminClient();
        var deleted = Id(await admin.PostCustomerAsync(tenant, new { name = "Dele Ted", phone = "07700 900511", medical_notes = "Epilepsy", reminder_opt_in = true, reminder_preference = "sms" }));
        var erasedAfter = Id(await admin.PostCustomerAsync(tenant, new { name = "Gone Twice", phone = "07700 900512", medication_notes = "Warfarin" }));
        var recentlyDeleted = Id(await admin.PostCustomerAsync(tenant, new { name = "Just Deleted", phone = "07700 900513" }));
        foreach (var id in new[] { deleted, erasedAfter, recentlyDeleted })
        {
            (await admin.DeleteAsync($"{tenant.CustomersUrl}/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        (await admin.PostAsync($"{tenant.CustomersUrl}/{erasedAfter}/erase", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var longAgo = DateTime.UtcNow.AddYears(-7);
        await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == deleted || c.Id == erasedAfter)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, longAgo).SetProperty(c => c.DeletedAt, longAgo), Ct));

        var report = await (await admin.GetUrlAsync($"/api/tenants/{tenant.Id}/compliance-report")).ReadJsonAsync();

        // The deleted customer's notes are still held; an erased one's are gone; consent is a live customer's.
        report["special_category_customers"]!.GetValue<int>().ShouldBe(1);
        report["reminder_consent"]!.ToJsonString().ShouldBe("""{"sms":0,"email":0,"both":0}""");
        var candidate = report["retention_candidates"]!.AsArray().Single()!;
        candidate["customer_id"]!.GetValue<int>().ShouldBe(deleted);
        candidate["reason"]!.GetValue<string>().ShouldBe("unchanged");
        candidate["deleted_at"]!.GetValue<DateTime>().ShouldBe(longAgo, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_period_chosen_by_from_and_to_holds_only_its_events_and_bad_dates_are_400()
    {
        var setup = await TenantWithKnownDataAsync();
        var client = setup.Tenant.AdminClient();
        var url = $"/api/tenants/{setup.Tenant.Id}/compliance-report";
        var twoYearsAgo = DateTime.UtcNow.AddYears(-2);

        var old = await (await client.GetUrlAsync($"{url}?from={twoYearsAgo.AddDays(-1):yyyy-MM-dd}&to={twoYearsAgo.AddDays(1):yyyy-MM-dd}")).ReadJsonAsync();
        old["subject_access_exports"]!.AsArray().Select(e => e!["customer_id"]!.GetValue<int>()).ShouldBe([setup.Recent]);
        old["erasures"]!.AsArray().ShouldBeEmpty();

        (await (await client.GetUrlAsync($"{url}?from=2026-13-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("from")
            .ShouldBe(["from must be a date as yyyy-MM-dd"]);
        (await (await client.GetUrlAsync($"{url}?from=2026-02-01&to=2026-01-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("from")
            .ShouldBe(["from must not be after to"]);
    }

    [Fact]
    public async Task The_csv_has_the_exports_framing_and_formula_safe_cells()
    {
        var setup = await TenantWithKnownDataAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tenants/{setup.Tenant.Id}/compliance-report");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await setup.Tenant.AdminClient().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        text.ShouldStartWith("\uFEFFSection,Item,Count,Customer ID,Name,At,By,Role,Details\r\n");
        text.Replace("\r\n", "").ShouldNotContain("\n");
        var rows = ParseCsv(text);
        rows.ShouldContain(r => r[0] == "Special-category data" && r[2] == "2");
        rows.ShouldContain(r => r[0] == "Erasure" && r[3] == setup.Erased.ToString(System.Globalization.CultureInfo.InvariantCulture));
        rows.Single(r => r[0] == "Retention candidate" && r[3] == setup.Formula.ToString(System.Globalization.CultureInfo.InvariantCulture))[4]
            .ShouldBe("'=HYPERLINK(\"x\")");
    }

    [Fact]
    public async Task Office_staff_and_another_tenants_admin_are_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var url = $"/api/tenants/{tenant.Id}/compliance-report";

        await (await tenant.OfficeClient().GetUrlAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.AdminClient().GetUrlAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetUrlAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id && e.Action == "tenant.compliance_report", Ct))).ShouldBe(0);
    }
}
