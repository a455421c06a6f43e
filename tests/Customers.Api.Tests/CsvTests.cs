using System.Net.Http.Headers;
using System.Text;
using Sylvan.Data.Csv;

namespace Customers.Api.Tests;

public sealed class CsvSqliteTests(SqliteApp app) : CsvTests(app), IClassFixture<SqliteApp>;

public sealed class CsvPostgresTests(PostgresApp app) : CsvTests(app), IClassFixture<PostgresApp>;

/// <summary>CSV export and import jobs (§8).</summary>
public abstract class CsvTests(CustomersApp app)
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

        var records = Parse(text);
        records.Count.ShouldBe(4);
        records.All(r => r.Length == 27).ShouldBeTrue();
        records[1][24].ShouldBe("false");
        records[1][25].ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$");

        var onlyArchived = Parse(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export?archived=true")).Content.ReadAsStringAsync(Ct));
        onlyArchived.Skip(1).Select(r => r[1]).ShouldBe(["Archived One"]);
        var searched = Parse(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export?search=plain")).Content.ReadAsStringAsync(Ct));
        searched.Skip(1).Select(r => r[1]).ShouldBe(["Plain Person"]);

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id && e.Action == "customers.export").ToListAsync(Ct));
        audit.Select(e => JsonNode.Parse(e.Details)!["rows"]!.GetValue<int>()).Order().ShouldBe([1, 1, 3]);
    }

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

        var records = Parse(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/export")).Content.ReadAsStringAsync(Ct));

        var scheduleByName = records.Skip(1).ToDictionary(r => r[1], r => r[23]);
        const string DayCentreText = """{"monday":{"pickup_time":"09:00","return_time":"15:30","destination":"Day Centre"}}""";
        scheduleByName["Ann First"].ShouldBe(DayCentreText);
        scheduleByName["Bob Second"].ShouldBe("""{"tuesday":{"pickup_time":"07:15"},"friday":{"pickup_time":"07:15","destination":"Renal Unit"}}""");
        scheduleByName["Cat Third"].ShouldBe(DayCentreText);
        scheduleByName["Dan Fourth"].ShouldBe("");
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

    [Fact]
    public async Task Import_creates_updates_and_reports_failed_rows_in_an_error_file()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var existing = await client.PostCustomerAsync(tenant, new { name = "Existing", phone = "07700900601", city = "Leeds" });
        var csv = "id,NAME,phone,City,email\r\n" +
                  $"{existing["customer_id"]},Existing Renamed,07700900601,,\r\n" +
                  ",New Person,07700 900602,Otley,new@example.org\r\n" +
                  ",No Phone,,Ilkley,\r\n" +
                  ",\"Bad, Email\",07700900603,York,not-an-email\r\n" +
                  ",Too,Many,Fields,Here,Extra\r\n" +
                  "999999,Ghost,07700900604,,\r\n";

        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv));
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["status"]!.GetValue<string>().ShouldBe("completed");
        status["total_rows"]!.GetValue<int>().ShouldBe(6);
        status["processed_rows"]!.GetValue<int>().ShouldBe(6);
        status["created"]!.GetValue<int>().ShouldBe(1);
        status["updated"]!.GetValue<int>().ShouldBe(1);
        status["failed"]!.GetValue<int>().ShouldBe(4);
        status["started_at"].ShouldNotBeNull();
        status["finished_at"].ShouldNotBeNull();

        var renamed = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/{existing["customer_id"]}")).ReadJsonAsync();
        renamed["name"]!.GetValue<string>().ShouldBe("Existing Renamed");
        renamed["city"].ShouldBeNull();

        var errors = await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}/errors");
        errors.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = Parse(await errors.Content.ReadAsStringAsync(Ct));
        rows[0].ShouldBe(["id", "NAME", "phone", "City", "email", "Row", "Error"]);
        rows.Skip(1).Select(r => (r[^2], r[^1])).ShouldBe(
        [
            ("3", "Phone number is required"),
            ("4", "Email is not a valid email address"),
            ("5", "Row has 6 field(s); the header has 5"),
            ("6", "Customer 999999 not found"),
        ]);
        rows[2][1].ShouldBe("Bad, Email");
    }

    [Fact]
    public async Task A_dry_run_validates_everything_and_writes_no_customer()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var csv = "Name,Phone\r\nDry One,07700900611\r\nDry Two,nope\r\n";

        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports?dry_run=true", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var job = (await response.ReadJsonAsync())["id"]!.GetValue<long>();
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["dry_run"]!.GetValue<bool>().ShouldBeTrue();
        status["created"]!.GetValue<int>().ShouldBe(1);
        status["failed"]!.GetValue<int>().ShouldBe(1);
        (await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_dry_run_finds_duplicates_of_rows_in_earlier_batches_as_the_real_run_does()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        // The tests' batches hold 50 rows: rows 55 and 58 repeat rows 2 and 3 from the first batch.
        var lines = Enumerable.Range(1, 60).Select(i => i switch
        {
            3 => "Batch Person 3,07700 900703,true,batch.three",
            55 => "Batch Person 2,07700 900702,false,",
            58 => "Someone Else,07700 900799,true,batch.three",
            _ => $"Batch Person {i},07700 900{700 + i},false,",
        });
        var csv = "Name,Phone,Login Enabled,Username\r\n" + string.Join("\r\n", lines) + "\r\n";

        async Task<JsonNode> ImportAsync(string query)
        {
            var response = await client.PostAsync($"{tenant.CustomersUrl}/imports{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
            var job = (await response.ReadJsonAsync())["id"]!.GetValue<long>();
            await app.RunImportsAsync();
            return await GetJobAsync(client, tenant, job);
        }

        var dryRun = await ImportAsync("?dry_run=true");
        dryRun["created"]!.GetValue<int>().ShouldBe(58);
        dryRun["failed"]!.GetValue<int>().ShouldBe(2);
        (await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);

        var real = await ImportAsync("");
        real["created"]!.GetValue<int>().ShouldBe(58);
        real["failed"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Uploads_are_accepted_as_multipart_and_answered_202_with_a_location()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("name,phone\nMulti Part,07700900621\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "people.csv");

        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports", form, Ct);
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
        response.Headers.Location!.ToString().ShouldBe($"{tenant.CustomersUrl}/imports/{body["id"]}");
        body["status"]!.GetValue<string>().ShouldBe("queued");
        await app.RunImportsAsync();
        (await GetJobAsync(client, tenant, body["id"]!.GetValue<long>()))["created"]!.GetValue<int>().ShouldBe(1);

        var list = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports")).ReadJsonAsync();
        list["imports"]!.AsArray().Select(j => j!["id"]!.GetValue<long>()).ShouldBe([body["id"]!.GetValue<long>()]);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("name,phone,shoe_size,Favourite\r\nA,07700900631,9,x\r\n", "Unknown column(s): 'shoe_size', 'Favourite'")]
    [InlineData("name,Name\r\nA,B\r\n", "Column(s) given more than once: name")]
    public async Task Unreadable_uploads_are_refused_with_a_message(string csv, string message)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith(message);
        (await app.WithDbAsync(db => db.ImportJobs.CountAsync(j => j.TenantId == tenant.Id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Invalid_utf8_wrong_media_type_and_oversized_uploads_are_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var latin1 = new ByteArrayContent([.. Encoding.ASCII.GetBytes("name,phone\r\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(",07700900641\r\n")]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        (await (await client.PostAsync($"{tenant.CustomersUrl}/imports", latin1, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!
            .GetValue<string>().ShouldContain("not UTF-8");

        await (await client.PostAsync($"{tenant.CustomersUrl}/imports", Http.Json("{}"), Ct)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = new StringBuilder("name,phone\r\n");
        while (huge.Length < 2_100_000)
        {
            huge.Append("Somebody Quite Long,07700900642\r\n");
        }
        await (await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(huge.ToString(), Encoding.UTF8, "text/csv"), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_file_with_an_unclosed_quote_fails_the_job_and_writes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("name,phone\r\nGood,07700900651\r\n\"Never closed,07700900652\r\n"));
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["status"]!.GetValue<string>().ShouldBe("failed");
        status["error"]!.GetValue<string>().ShouldContain("row 2");
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Duplicates_are_found_across_batches_including_customers_the_import_just_created_or_renamed()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var before = await client.PostCustomerAsync(tenant, new { name = "Before Import", phone = "07700 900801" });
        var renamed = await client.PostCustomerAsync(tenant, new { name = "Old Name", phone = "07700 900802" });

        // Batches of 50 (the tests' batch size): rows 1–50, 51–100, 101–150.
        var csv = new StringBuilder("ID,Name,Phone\r\n");
        for (var row = 1; row <= 150; row++)
        {
            csv.Append(row switch
            {
                1 => $"{renamed["customer_id"]},New Name,07700 900803\r\n",   // renames a customer
                2 => ",First Batch,07700 900804\r\n",
                60 => ",FIRST BATCH,07700 900804\r\n",                         // the batch just before
                61 => ",New Name,07700 900803\r\n",                            // the customer as renamed just before
                62 => ",Old Name,07700 900802\r\n",                            // its old name is free again
                63 => ",Before Import,07700 900801\r\n",                       // a customer from before the import
                64 => ",Second Batch,07700 900805\r\n",
                120 => ",First  Batch,07700 900804\r\n",                       // two batches back
                121 => ",second batch,07700 900805\r\n",                       // the batch just before
                _ => $",Filler {row},07700 9{row:00000}\r\n",
            });
        }
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv.ToString()));
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["status"]!.GetValue<string>().ShouldBe("completed");
        status["updated"]!.GetValue<int>().ShouldBe(1);
        status["failed"]!.GetValue<int>().ShouldBe(5);
        var ids = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id && c.IsActive)
            .ToDictionaryAsync(c => c.Name, c => c.Id, Ct));
        var errors = Parse(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}/errors")).Content.ReadAsStringAsync(Ct));
        errors.Skip(1).Select(r => (r[^2], r[^1])).ShouldBe(
        [
            ("60", $"Duplicate of customer {ids["First Batch"]}"),
            ("61", $"Duplicate of customer {renamed["customer_id"]}"),
            ("63", $"Duplicate of customer {before["customer_id"]}"),
            ("120", $"Duplicate of customer {ids["First Batch"]}"),
            ("121", $"Duplicate of customer {ids["Second Batch"]}"),
        ]);
        ids.ShouldContainKey("Old Name");
        ids["New Name"].ShouldBe(renamed["customer_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_job_stopped_mid_way_resumes_on_another_instance_without_loss_or_duplication()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var csv = new StringBuilder("name,phone,city\r\n");
        for (var i = 0; i < 180; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Resumed {i},07700 900{i:000},Leeds\r\n");
        }
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv.ToString()));
        var processor = app.Services.GetRequiredService<ImportProcessor>();

        // Instance A does two batches of 50, then dies without a word: its claim stays behind.
        (await processor.ProcessNextAsync("instance-a", 2, Ct)).ShouldBeTrue();
        var halfway = await GetJobAsync(client, tenant, job);
        halfway["status"]!.GetValue<string>().ShouldBe("running");
        halfway["processed_rows"]!.GetValue<int>().ShouldBe(100);
        // While A's claim lasts, nobody else takes the job.
        (await processor.ProcessNextAsync("instance-b", int.MaxValue, Ct)).ShouldBeFalse();

        // The claim expires; instance B takes over and finishes.
        await app.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedUntil, DateTime.UtcNow.AddMinutes(-1)), Ct));
        (await processor.ProcessNextAsync("instance-b", int.MaxValue, Ct)).ShouldBeTrue();

        var done = await GetJobAsync(client, tenant, job);
        done["status"]!.GetValue<string>().ShouldBe("completed");
        done["processed_rows"]!.GetValue<int>().ShouldBe(180);
        done["created"]!.GetValue<int>().ShouldBe(180);
        var names = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id).Select(c => c.Name).ToListAsync(Ct));
        names.Count.ShouldBe(180);
        names.Distinct().Count().ShouldBe(180);
    }

    [Fact]
    public async Task A_job_can_be_cancelled_until_it_finishes()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("name,phone\r\nNever,07700900661\r\n"));

        var cancelled = await (await client.DeleteAsync($"{tenant.CustomersUrl}/imports/{job}", Ct)).ReadJsonAsync();
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        await app.RunImportsAsync();
        (await GetJobAsync(client, tenant, job))["status"]!.GetValue<string>().ShouldBe("cancelled");
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
        await (await client.DeleteAsync($"{tenant.CustomersUrl}/imports/{job}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Import_jobs_are_tenant_private()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var job = await StartImportAsync(tenant.OfficeClient(), tenant, Encoding.UTF8.GetBytes("name,phone\r\nMine,07700900671\r\n"));

        await (await other.AdminClient().GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.AdminClient().PostAsync($"{tenant.CustomersUrl}/imports", new StringContent("name,phone\r\n", Encoding.UTF8, "text/csv"), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.AdminClient().GetUrlAsync($"{other.CustomersUrl}/imports/{job}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.AdminClient().GetUrlAsync($"{other.CustomersUrl}/imports/{job}/errors")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.AdminClient().DeleteAsync($"{other.CustomersUrl}/imports/{job}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await other.AdminClient().GetUrlAsync($"{other.CustomersUrl}/imports")).ReadJsonAsync())["imports"]!.AsArray().ShouldBeEmpty();
    }

    private static async Task<long> StartImportAsync(HttpClient client, TestTenant tenant, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports", content, Ct);
        var body = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
        return body["id"]!.GetValue<long>();
    }

    private static async Task<JsonNode> GetJobAsync(HttpClient client, TestTenant tenant, long job) =>
        await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}")).ReadJsonAsync();

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

    private static List<string[]> Parse(string csv)
    {
        using var reader = CsvDataReader.Create(new StringReader(csv.TrimStart('\uFEFF')), new CsvDataReaderOptions { HasHeaders = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray());
        }
        return records;
    }

    /// <summary>The exported file with every ID cell emptied, re-quoted as the export does.</summary>
    private static byte[] RemoveIds(byte[] exported)
    {
        var records = Parse(Encoding.UTF8.GetString(exported));
        var text = new StringBuilder();
        for (var i = 0; i < records.Count; i++)
        {
            var cells = records[i].Select((cell, index) => i > 0 && index == 0 ? "" : cell).Select(CustomerCsv.Quote);
            text.Append(string.Join(',', cells)).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
