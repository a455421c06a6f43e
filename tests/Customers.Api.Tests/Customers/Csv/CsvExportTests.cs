using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Customers.Api.Tests.Customers.Csv;

public sealed class CsvExportSqliteTests(SqliteApp app) : CsvExportTests(app), IClassFixture<SqliteApp>;

public sealed class CsvExportPostgresTests(PostgresApp app) : CsvExportTests(app), IClassFixture<PostgresApp>;

/// <summary>CSV export (§8): streamed RFC 4180 with a BOM, the list's filters, and a file that imports back unchanged.</summary>
public abstract class CsvExportTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Values that break naive CSV code or spreadsheets.</summary>
    private static readonly object[] Tricky =
    [
        new { name = "Smith, Jones & \"Sons\"", phone = "0113 496 0123", address = "Flat 1\nMill Lane", city = "Łódź", county = "=SUM(A1:A9)",
              postcode = "ls6 2qx", email = "o'neill@example.org", paying_org = "-5 Private", driver_notes = "Ring twice 🚐\nthen wait\ttab",
              medical_notes = "'=already quoted", mobility_requirements = "@wheelchair", has_split_payment = true, provider_split = 33.33, payment_split = 66.67,
              schedule = new { monday = new { pickup_time = "09:30", return_time = "15:00", destination = "Day Centre, Leeds" } },
              reminder_opt_in = true, reminder_preference = "email", is_login_enabled = true, username = "smith.jones" },
        new { name = "Zoë Ó Briain", phone = "+33 1 42 68 53 00", emergency_contact_phone = "07700 900555", emergency_contact_name = "+Plus Person",
              medication_notes = "\"quoted\"", address_line_2 = "'leading quote" },
        new { name = "Plain Person", phone = "07700 900556" },
    ];

    [Fact]
    public async Task Export_streams_every_filtered_customer_as_RFC_4180_CSV_with_a_BOM()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        foreach (var customer in Tricky)
        {
            await client.PostCustomerAsync(tenant, customer);
        }
        var archived = await client.PostCustomerAsync(tenant, new { name = "Archived One", phone = "07700 900557" });
        await client.PostAsync($"{tenant.CustomersUrl}/{archived["customer_id"]}/archive", null, Ct);

        var response = await client.GetUrlAsync($"{tenant.CustomersUrl}/export");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.ToString().ShouldBe($"attachment; filename=\"customers-{DateTime.UtcNow:yyyy-MM-dd}.csv\"");
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldStartWith("ID,Name,Address,Address Line 2,City,County,Postcode,Phone,Email,Paying Org,Has Split Payment,Provider Split,Payment Split,Emergency Contact Name,Emergency Contact Phone,Medical Notes,Medication Notes,Driver Notes,Mobility Requirements,Reminder Opt In,Reminder Preference,Login Enabled,Username,Schedule (JSON),Archived,Created At,Updated At\r\n");
        text.ShouldEndWith("\r\n");
        text.ShouldContain("\"Smith, Jones & \"\"Sons\"\"\",Flat 1 Mill Lane,,Łódź,'=SUM(A1:A9),LS6 2QX,0113 496 0123,o'neill@example.org,'-5 Private,true,33.33,66.67,");
        text.ShouldContain(",''=already quoted,");
        text.ShouldContain(",'@wheelchair,");
        text.ShouldContain("'+33 1 42 68 53 00");
        text.ShouldContain("\"{\"\"monday\"\":{\"\"pickup_time\"\":\"\"09:30\"\",\"\"return_time\"\":\"\"15:00\"\",\"\"destination\"\":\"\"Day Centre, Leeds\"\"}}\"");
        text.ShouldNotContain("Archived One");

        var records = ParseCsv(text);
        records.Count.ShouldBe(4);
        records.All(r => r.Length == 27).ShouldBeTrue();
        records[1][24].ShouldBe("false");
        records[1][25].ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$");

        var onlyArchived = ParseCsv(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export?archived=true")).Content.ReadAsStringAsync(Ct));
        onlyArchived.Skip(1).Select(r => r[1]).ShouldBe(["Archived One"]);
        var searched = ParseCsv(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export?search=plain")).Content.ReadAsStringAsync(Ct));
        searched.Skip(1).Select(r => r[1]).ShouldBe(["Plain Person"]);

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id && e.Action == "customers.export").ToListAsync(Ct));
        audit.Select(e => JsonNode.Parse(e.Details)!["rows"]!.GetValue<int>()).Order().ShouldBe([1, 1, 3]);
    }

    [Fact]
    public async Task An_export_is_audited_before_its_first_byte_and_the_event_says_how_it_ended()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        for (var batch = 0; batch < 4; batch++)
        {
            var people = Enumerable.Range(0, 500).Select(i => Person($"Export Person {batch}-{i}", $"07700 900{i % 1000:000}", new { paying_org = "NHS", driver_notes = new string('n', 200) }));
            (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers = people })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // The client reads the headers and stops: the service is still writing ~1 MB when the event is checked.
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{tenant.CustomersUrl}/export?search=export%20person&paying_org=NHS"),
            HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var started = JsonNode.Parse((await ExportEventsAsync(tenant)).ShouldHaveSingleItem())!;
        started["outcome"]!.GetValue<string>().ShouldBe("started");
        started["filter"]!["search_used"]!.GetValue<bool>().ShouldBeTrue();
        started["filter"]!["paying_org"]!.GetValue<string>().ShouldBe("NHS");
        started.ToJsonString().ShouldNotContain("xport person", Case.Insensitive);

        response.Dispose();
        var ended = started;
        for (var wait = 0; wait < 50 && ended["outcome"]!.GetValue<string>() == "started"; wait++)
        {
            await Task.Delay(100, Ct);
            ended = JsonNode.Parse((await ExportEventsAsync(tenant)).Single())!;
        }
        ended["outcome"]!.GetValue<string>().ShouldBeOneOf("aborted", "completed");

        var whole = await client.GetUrlAsync($"{tenant.CustomersUrl}/export");
        (await whole.Content.ReadAsByteArrayAsync(Ct)).Length.ShouldBeGreaterThan(2000 * 200);
        var events = (await ExportEventsAsync(tenant)).Select(d => JsonNode.Parse(d)!).ToList();
        events.Count.ShouldBe(2);
        events.ShouldContain(e => e["outcome"]!.GetValue<string>() == "completed" && e["rows"]!.GetValue<int>() == 2000);
    }

    [Fact]
    public async Task An_export_that_fails_after_its_first_byte_breaks_the_connection_and_is_audited_as_failed()
    {
        var logs = new CapturingLoggerProvider();
        await using var failing = app.WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.AddProvider(logs));
            b.ConfigureServices(s => s.AddSingleton<ICustomerSearch, FailingSearch>());
        });
        var tenant = await app.CreateTenantAsync();
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = tenant.OfficeClient().DefaultRequestHeaders.Authorization;
        await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Failing Export", phone = "07700 900661" });

        // The search fails once the 200 and the BOM have gone: the body must not look complete.
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{tenant.CustomersUrl}/export?search=failing"), HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Should.ThrowAsync<Exception>(async () => await response.Content.ReadAsByteArrayAsync(Ct));

        // The client sees the break before the service has recorded how the export ended.
        var ended = JsonNode.Parse((await ExportEventsAsync(tenant)).ShouldHaveSingleItem())!;
        for (var wait = 0; wait < 50 && ended["outcome"]!.GetValue<string>() == "started"; wait++)
        {
            await Task.Delay(100, Ct);
            ended = JsonNode.Parse((await ExportEventsAsync(tenant)).Single())!;
        }
        ended["outcome"]!.GetValue<string>().ShouldBe("failed");
        ended["rows"]!.GetValue<int>().ShouldBe(0);
        logs.Lines.ShouldContain(l => l.Contains("Export of tenant", StringComparison.Ordinal) && l.Contains("failed after 0 row(s)", StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(l => l.Contains("unhandled", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class FailingSearch : ICustomerSearch
    {
        public bool HasPendingEntries => false;

        public IQueryable<Customer> Matching(IQueryable<Customer> customers, string text) =>
            throw new InvalidOperationException("The search index is unavailable");

        public Task<bool> MergePendingEntriesAsync(CustomersDbContext db, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> TidyAfterImportAsync(CustomersDbContext db, int rowsWritten, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    private Task<List<string>> ExportEventsAsync(TestTenant tenant) => app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
        .Where(e => e.TenantId == tenant.Id && e.Action == "customers.export").OrderBy(e => e.Id).Select(e => e.Details).ToListAsync(Ct));

    [Fact]
    public async Task Each_row_exports_its_own_schedule_when_some_customers_share_one()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var dayCentre = new { monday = new { pickup_time = "09:00", return_time = "15:30", destination = "Day Centre" } };
        var renal = new { friday = new { pickup_time = "07:15", destination = "Renal Unit" }, tuesday = new { pickup_time = "07:15" } };
        await client.PostCustomerAsync(tenant, new { name = "Ann First", phone = "07700 900601", schedule = dayCentre });
        await client.PostCustomerAsync(tenant, new { name = "Bob Second", phone = "07700 900602", schedule = renal });
        await client.PostCustomerAsync(tenant, new { name = "Cat Third", phone = "07700 900603", schedule = dayCentre });
        await client.PostCustomerAsync(tenant, new { name = "Dan Fourth", phone = "07700 900604" });

        var records = ParseCsv(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export")).Content.ReadAsStringAsync(Ct));

        var scheduleByName = records.Skip(1).ToDictionary(r => r[1], r => r[23]);
        const string DayCentreText = """{"monday":{"pickup_time":"09:00","return_time":"15:30","destination":"Day Centre"}}""";
        scheduleByName["Ann First"].ShouldBe(DayCentreText);
        scheduleByName["Bob Second"].ShouldBe("""{"tuesday":{"pickup_time":"07:15"},"friday":{"pickup_time":"07:15","destination":"Renal Unit"}}""");
        scheduleByName["Cat Third"].ShouldBe(DayCentreText);
        scheduleByName["Dan Fourth"].ShouldBe("");
    }

    [Fact]
    public async Task The_schedule_column_is_JSON_written_for_people_and_imports_back_unchanged()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var schedule = new { monday = new { pickup_time = "09:00", destination = "St James's Café & Bäckerei" } };
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Sid Schedule", phone = "07700 900605", schedule }));

        var csv = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export")).Content.ReadAsStringAsync(Ct);

        var cell = ParseCsv(csv).Skip(1).Single()[23];
        cell.ShouldBe("""{"monday":{"pickup_time":"09:00","destination":"St James's Café & Bäckerei"}}""");
        csv.ShouldNotContain("\\u00");
        (await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.RunImportsAsync();
        var stored = await app.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Schedule).SingleAsync(Ct));
        stored.ShouldNotBeNull().ShouldContain("09:00");
        (await GetCustomerAsync(client, tenant, id))["schedule"]!["monday"]!["destination"]!.GetValue<string>().ShouldBe("St James's Café & Bäckerei");
    }

    [Fact]
    public async Task Export_refuses_bad_filters_and_other_tenants()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        (await (await tenant.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}/export?archived=maybe")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("archived").ShouldNotBeEmpty();
        await (await other.AdminClient().GetUrlAsync($"{tenant.CustomersUrl}/export")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetUrlAsync($"{tenant.CustomersUrl}/export")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_exported_file_imports_unchanged_and_round_trips_losslessly()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        foreach (var customer in Tricky)
        {
            await client.PostCustomerAsync(tenant, customer);
        }
        var before = await ListAsync(client, tenant);
        var exported = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export")).Content.ReadAsByteArrayAsync(Ct);

        // The same file back into the same tenant: every row updates its customer to what it already was.
        var job = await StartImportAsync(client, tenant, exported);
        await app.RunImportsAsync();
        var done = await GetJobAsync(client, tenant, job);
        done["status"]!.GetValue<string>().ShouldBe("completed");
        done["updated"]!.GetValue<int>().ShouldBe(3);
        done["failed"]!.GetValue<int>().ShouldBe(0);
        var after = await ListAsync(client, tenant);
        WithoutTimestamps(after).ShouldBe(WithoutTimestamps(before));

        // Without the IDs, into a new tenant: every row creates an identical customer.
        var fresh = await app.CreateTenantAsync();
        var withoutIds = RemoveIds(exported);
        var created = await StartImportAsync(fresh.OfficeClient(), fresh, withoutIds);
        await app.RunImportsAsync();
        (await GetJobAsync(fresh.OfficeClient(), fresh, created))["created"]!.GetValue<int>().ShouldBe(3);
        var copies = await ListAsync(fresh.OfficeClient(), fresh);
        WithoutIdsOrTimestamps(copies).ShouldBe(WithoutIdsOrTimestamps(before));
    }

    private static async Task<JsonArray> ListAsync(HttpClient client, TestTenant tenant) =>
        (await (await client.GetUrlAsync($"{tenant.CustomersUrl}?sort=customer_id&archived=all")).ReadJsonAsync())["customers"]!.AsArray();

    private static string[] WithoutTimestamps(JsonArray customers) =>
        customers.Select(c =>
        {
            var copy = c!.DeepClone().AsObject();
            copy.Remove("updated_at");
            return copy.ToJsonString();
        }).ToArray();

    private static string[] WithoutIdsOrTimestamps(JsonArray customers) =>
        customers.Select(c =>
        {
            var copy = c!.DeepClone().AsObject();
            foreach (var key in new[] { "customer_id", "tenant_id", "created_at", "updated_at" })
            {
                copy.Remove(key);
            }
            return copy.ToJsonString();
        }).ToArray();

    /// <summary>The exported file with every ID cell emptied, re-quoted as the export does.</summary>
    private static byte[] RemoveIds(byte[] exported)
    {
        var records = ParseCsv(Encoding.UTF8.GetString(exported));
        var text = new StringBuilder();
        for (var i = 0; i < records.Count; i++)
        {
            var cells = records[i].Select((cell, index) => i > 0 && index == 0 ? "" : cell).Select(CustomerCsv.Quote);
            text.Append(string.Join(',', cells)).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
