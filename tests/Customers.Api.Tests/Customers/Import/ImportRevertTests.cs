using System.Text;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportRevertSqliteTests(SqliteApp app) : ImportRevertTests(app), IClassFixture<SqliteApp>;

public sealed class ImportRevertPostgresTests(PostgresApp app) : ImportRevertTests(app), IClassFixture<PostgresApp>;

/// <summary>A way back from a wrong import (§8): what it created is deleted, what it updated gets its old values, what changed since is left and listed.</summary>
public abstract class ImportRevertTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Snapshot(int Id, bool IsActive, string Name, string Phone, string? City, string? DriverNotes, string? Username, string? Schedule);

    private Task<List<Snapshot>> SnapshotAsync(TestTenant tenant) => app.WithDbAsync(db => db.Customers.IgnoreQueryFilters()
        .Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Id)
        .Select(c => new Snapshot(c.Id, c.IsActive, c.Name, c.Phone, c.City, c.DriverNotes, c.Username, c.Schedule)).ToListAsync(Ct));

    /// <summary>Asks for the revert (202, the job reverting), lets the import processor run it, and returns the job.</summary>
    private async Task<JsonNode> RevertAsync(HttpClient client, TestTenant tenant, long job)
    {
        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct);
        var started = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, started.ToJsonString());
        response.Headers.Location!.ToString().ShouldBe($"{tenant.CustomersUrl}/imports/{job}");
        started["status"]!.GetValue<string>().ShouldBe("reverting");
        // Until the processor has run it, the job shows its progress so far.
        var waiting = await GetJobAsync(client, tenant, job);
        (waiting["status"]!.GetValue<string>(), waiting["reverted_deleted"]!.GetValue<int>(), waiting["reverted_restored"]!.GetValue<int>())
            .ShouldBe(("reverting", 0, 0));
        await app.RunImportsAsync();
        return await GetJobAsync(client, tenant, job);
    }

    /// <summary>Runs an import that creates <paramref name="count"/> customers, mobiles <paramref name="mobiles"/> + six digits; returns the job.</summary>
    private async Task<long> ImportNewCustomersAsync(HttpClient client, TestTenant tenant, int count, string name, string mobiles)
    {
        var csv = new StringBuilder("Name,Phone\r\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name} {i},{mobiles}{i:D6}\r\n");
        }
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv.ToString()));
        await app.RunImportsAsync();
        (await GetJobAsync(client, tenant, job))["created"]!.GetValue<int>().ShouldBe(count);
        return job;
    }

    [Fact]
    public async Task A_revert_puts_the_database_back_except_for_customers_changed_since_which_it_lists()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var kept = Id(await client.PostCustomerAsync(tenant, new
        {
            name = "Kept Person", phone = "07700 900301", city = "York", driver_notes = "Side door", username = "kept.person",
            is_login_enabled = true, schedule = new { monday = new { pickup_time = "09:00", destination = "St James's" } },
        }));
        var editedLater = Id(await client.PostCustomerAsync(tenant, new { name = "Edited Later", phone = "07700 900302", city = "Hull" }));
        var before = await SnapshotAsync(tenant);

        var csv = $"ID,Name,Phone,City,Driver Notes,Username\r\n" +
                  $"{kept},Kept Person,07700 900301,Leeds,,kept.renamed\r\n" +
                  $"{editedLater},Edited Later,07700 900302,Bradford,Ramp,\r\n" +
                  ",New One,07700 900303,Ripon,,\r\n" +
                  ",New Two,07700 900304,Selby,,\r\n";
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv));
        await app.RunImportsAsync();
        var imported = await GetJobAsync(client, tenant, job);
        (imported["created"]!.GetValue<int>(), imported["updated"]!.GetValue<int>()).ShouldBe((2, 2));
        var newTwo = (await SnapshotAsync(tenant)).Single(c => c.Name == "New Two").Id;

        // Changed after the import: one customer it updated, one it created.
        (await client.PutJsonAsync($"{tenant.CustomersUrl}/{editedLater}", new { city = "Beverley" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PutJsonAsync($"{tenant.CustomersUrl}/{newTwo}", new { city = "Tadcaster" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reverted = await RevertAsync(client, tenant, job);
        (reverted["status"]!.GetValue<string>(), reverted["reverted_deleted"]!.GetValue<int>(), reverted["reverted_restored"]!.GetValue<int>(),
            reverted["reverted_skipped"]!.GetValue<int>()).ShouldBe(("reverted", 1, 1, 2));
        reverted["reverted_skipped_ids"]!.AsArray().Select(i => i!.GetValue<int>()).ShouldBe(new[] { editedLater, newTwo }.Order());

        var after = await SnapshotAsync(tenant);
        after.Single(c => c.Id == kept).ShouldBe(before.Single(c => c.Id == kept));
        after.Single(c => c.Name == "New One").IsActive.ShouldBeFalse();
        after.Single(c => c.Id == editedLater).City.ShouldBe("Beverley");
        after.Single(c => c.Id == newTwo).City.ShouldBe("Tadcaster");
        // The counters moved back with the rows (kept and editedLater, plus newTwo left as changed).
        var stats = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();
        (stats["total"]!.GetValue<int>(), stats["with_login"]!.GetValue<int>()).ShouldBe((3, 1));
        (await CountCustomersAsync(tenant)).ShouldBe(3);

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id && e.Action == "customers.import_revert").ToListAsync(Ct));
        audit.Count.ShouldBe(1);
        JsonNode.Parse(audit[0].Details)!["skipped"]!.GetValue<int>().ShouldBe(2);
        // What the revert needed (old values, notes among them) is not kept after it.
        (await app.WithDbAsync(db => db.ImportUpdatedRows.CountAsync(r => r.TenantId == tenant.Id && r.Before != null, Ct))).ShouldBe(0);

        var again = await client.PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct);
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldBe($"Import {job} was already reverted");
    }

    [Fact]
    public async Task Two_reverts_asked_at_once_start_one_which_undoes_each_batch_once()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        // 3,500 rows: 70 parts of created customers (the tests' batch size is 50).
        var job = await ImportNewCustomersAsync(client, tenant, 3500, "Racing Person", "+447712");

        var responses = await Task.WhenAll(
            client.PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct),
            tenant.AdminClient().PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct));
        // One starts it; the other finds it reverting.
        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Accepted, HttpStatusCode.Conflict]);
        (await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!
            .GetValue<string>().ShouldBe($"Import {job} is being reverted");

        // Two instances' processors at once: one claims the job, the other finds nothing to do.
        var processor = app.Services.GetRequiredService<ImportProcessor>();
        await Task.WhenAll(
            Task.Run(() => processor.ProcessNextAsync("instance-a", int.MaxValue, Ct), Ct),
            Task.Run(() => processor.ProcessNextAsync("instance-b", int.MaxValue, Ct), Ct));
        await app.RunImportsAsync();
        var reverted = await GetJobAsync(client, tenant, job);
        (reverted["status"]!.GetValue<string>(), reverted["reverted_deleted"]!.GetValue<int>(), reverted["reverted_skipped"]!.GetValue<int>())
            .ShouldBe(("reverted", 3500, 0));
        (await CountCustomersAsync(tenant)).ShouldBe(0);
        (await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync())["total"]!.GetValue<int>().ShouldBe(0);
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id && e.Action == "customers.import_revert", Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_revert_that_keeps_failing_gives_up_with_the_reason_and_resumes_when_asked_again()
    {
        await app.RunImportsAsync();
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("Name,Phone\r\nStuck One,07700 900341\r\nStuck Two,07700 900342\r\n"));
        await app.RunImportsAsync();
        var processor = app.Services.GetRequiredService<ImportProcessor>();
        await using (await app.RefuseAsync("UPDATE", "customers", tenant.Id))
        {
            (await client.PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            for (var run = 1; run <= 3; run++)
            {
                (await processor.ProcessNextAsync($"instance-{run}", int.MaxValue, Ct)).ShouldBeTrue();
            }
            (await processor.ProcessNextAsync("instance-4", int.MaxValue, Ct)).ShouldBeFalse();

            var stopped = await GetJobAsync(client, tenant, job);
            stopped["status"]!.GetValue<string>().ShouldBe("completed");
            stopped["error"]!.GetValue<string>().ShouldStartWith("The revert stopped on an unexpected error 3 times");
            (await CountCustomersAsync(tenant)).ShouldBe(2);
        }

        var reverted = await RevertAsync(client, tenant, job);
        (reverted["status"]!.GetValue<string>(), reverted["reverted_deleted"]!.GetValue<int>()).ShouldBe(("reverted", 2));
        reverted["error"].ShouldBeNull();
        (await CountCustomersAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_long_revert_gives_way_to_another_tenants_import_and_then_finishes()
    {
        await app.RunImportsAsync();
        var tenant = await app.CreateTenantAsync();
        var quiet = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        // Six parts of 50 (the tests' batch size); a turn is two.
        var job = await ImportNewCustomersAsync(client, tenant, 300, "Turn Taker", "+447713");
        // The quiet tenant was served after it, so the revert's tenant goes first.
        await StartImportAsync(quiet.OfficeClient(), quiet, Encoding.UTF8.GetBytes("Name,Phone\r\nQuiet First,07700 900350\r\n"));
        await app.RunImportsAsync();
        (await client.PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var quietJob = await StartImportAsync(quiet.OfficeClient(), quiet, Encoding.UTF8.GetBytes("Name,Phone\r\nQuiet Person,07700 900351\r\n"));
        var processor = app.Services.GetRequiredService<ImportProcessor>();

        // The revert's first turn ends after two parts, because the quiet tenant waits.
        (await processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
        var paused = await GetJobAsync(client, tenant, job);
        (paused["status"]!.GetValue<string>(), paused["reverted_deleted"]!.GetValue<int>()).ShouldBe(("reverting", 100));
        (await processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
        (await GetJobAsync(quiet.OfficeClient(), quiet, quietJob))["status"]!.GetValue<string>().ShouldBe("completed");

        (await processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
        var reverted = await GetJobAsync(client, tenant, job);
        (reverted["status"]!.GetValue<string>(), reverted["reverted_deleted"]!.GetValue<int>()).ShouldBe(("reverted", 300));
        (await CountCustomersAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_dry_run_an_unfinished_an_old_or_another_tenants_job_is_not_reverted()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var content = new StringContent("Name,Phone\r\nDry Person,07700 900311\r\n", Encoding.UTF8, "text/csv");
        var dry = (await (await client.PostAsync($"{tenant.CustomersUrl}/imports?dry_run=true", content, Ct)).ReadJsonAsync())["id"]!.GetValue<long>();
        var queued = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("Name,Phone\r\nQueued Person,07700 900312\r\n"));

        (await (await client.PostAsync($"{tenant.CustomersUrl}/imports/{queued}/revert", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            ["detail"]!.GetValue<string>().ShouldBe($"Import {queued} is queued: only a completed import can be reverted");
        await app.RunImportsAsync();
        (await (await client.PostAsync($"{tenant.CustomersUrl}/imports/{dry}/revert", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            ["detail"]!.GetValue<string>().ShouldBe($"Import {dry} is a dry run: it changed nothing to revert");

        var other = await app.CreateTenantAsync();
        await (await other.AdminClient().PostAsync($"{other.CustomersUrl}/imports/{queued}/revert", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        await app.WithDbAsync(db => db.ImportJobs.Where(j => j.TenantId == tenant.Id && j.Id == queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.FinishedAt, DateTime.UtcNow.AddDays(-31)), Ct));
        (await (await client.PostAsync($"{tenant.CustomersUrl}/imports/{queued}/revert", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            ["detail"]!.GetValue<string>().ShouldBe($"Import {queued} finished more than 30 days ago: it can no longer be reverted");
        (await CountCustomersAsync(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task An_old_username_taken_since_leaves_that_customer_as_it_is()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var renamed = Id(await client.PostCustomerAsync(tenant, new { name = "Renamed Person", phone = "07700 900321", is_login_enabled = true, username = "first.name" }));
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes($"ID,Username\r\n{renamed},second.name\r\n"));
        await app.RunImportsAsync();
        await client.PostCustomerAsync(tenant, new { name = "Taker", phone = "07700 900322", is_login_enabled = true, username = "first.name" });

        var reverted = await RevertAsync(client, tenant, job);

        (reverted["reverted_restored"]!.GetValue<int>(), reverted["reverted_skipped"]!.GetValue<int>()).ShouldBe((0, 1));
        (await GetCustomerAsync(client, tenant, renamed))["username"]!.GetValue<string>().ShouldBe("second.name");
    }

    [Fact]
    public async Task An_import_then_its_revert_after_a_fix_and_reimport_of_the_error_file_changes_only_the_fixed_rows()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var existing = Id(await client.PostCustomerAsync(tenant, new { name = "Already Here", phone = "07700 900331" }));
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(
            "Name,Phone,City\r\nGood Row,07700 900332,Leeds\r\nBad Row,not a phone,York\r\n,07700 900333,\r\n"));
        await app.RunImportsAsync();
        var errorFile = await client.GetStringAsync($"{tenant.CustomersUrl}/imports/{job}/errors", Ct);
        var fixedFile = errorFile.Replace("not a phone", "07700 900334").Replace(",07700 900333,", "Named Now,07700 900333,");
        var before = await SnapshotAsync(tenant);

        var second = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(fixedFile));
        await app.RunImportsAsync();

        var secondJob = await GetJobAsync(client, tenant, second);
        (secondJob["created"]!.GetValue<int>(), secondJob["failed"]!.GetValue<int>()).ShouldBe((2, 0));
        var after = await SnapshotAsync(tenant);
        after.Take(before.Count).ShouldBe(before);
        after.Skip(before.Count).Select(c => (c.Name, c.City)).Order().ShouldBe([("Bad Row", "York"), ("Named Now", null)]);
        after.Single(c => c.Id == existing).Name.ShouldBe("Already Here");
    }
}
