using System.Text;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportFairnessSqliteTests(SqliteApp app) : ImportFairnessTests(app), IClassFixture<SqliteApp>;

public sealed class ImportFairnessPostgresTests(PostgresApp app) : ImportFairnessTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// A job that cannot go on never jams the queue (a row that cannot be read fails that row; a run
/// that keeps failing fails its job), and tenants take turns: none waits behind another's jobs.
/// </summary>
public abstract class ImportFairnessTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ImportProcessor Processor => app.Services.GetRequiredService<ImportProcessor>();

    [Fact]
    public async Task A_cell_holding_json_that_is_not_text_fails_its_row_and_the_job_completes()
    {
        await app.RunImportsAsync();
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var csv = "name,phone,schedule\r\nPoison,07700 900992,\"{\"\"\\ud800\"\":1}\"\r\nFine,07700 900993,\r\n"
            + "Also Poison,07700 900994,\"{\"\"monday\"\":{\"\"pickup_time\"\":\"\"09:00\"\",\"\"destination\"\":\"\"x\\udc00\"\"}}\"\r\n";
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv));

        await app.RunImportsAsync();

        var done = await GetJobAsync(client, tenant, job);
        done["status"]!.GetValue<string>().ShouldBe("completed", done.ToJsonString());
        done["created"]!.GetValue<int>().ShouldBe(1);
        done["failed"]!.GetValue<int>().ShouldBe(2);
        var errors = ParseCsv(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}/errors")).Content.ReadAsStringAsync(Ct));
        errors.Skip(1).Select(r => r[0]).ShouldBe(["Poison", "Also Poison"]);
        errors[1][^1].ShouldContain("schedule");
        errors[2][^1].ShouldContain("not valid text");
    }

    [Fact]
    public async Task A_job_whose_runs_keep_failing_gives_way_and_fails_with_the_reason_after_three_runs()
    {
        await app.RunImportsAsync();
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await using (await app.RefuseAsync("INSERT", "customers", tenant.Id))
        {
            var stuck = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("name,phone\r\nStuck Person,07700 900981\r\n"));
            var waiting = await StartImportAsync(other.OfficeClient(), other, Encoding.UTF8.GetBytes("name,phone\r\nWaiting Person,07700 900982\r\n"));

            // The first run fails and gives the job up: nobody holds it, and the other tenant's job goes next.
            (await Processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
            var afterOne = await app.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == stuck, Ct));
            (afterOne.Status, afterOne.ClaimedBy, afterOne.FailedAttempts).ShouldBe((ImportStatus.Running, (string?)null, 1));
            (await Processor.ProcessNextAsync("instance-b", int.MaxValue, Ct)).ShouldBeTrue();
            (await GetJobAsync(other.OfficeClient(), other, waiting))["status"]!.GetValue<string>().ShouldBe("completed");

            (await Processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
            (await Processor.ProcessNextAsync("instance-b", int.MaxValue, Ct)).ShouldBeTrue();
            (await Processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeFalse();

            var failed = await GetJobAsync(client, tenant, stuck);
            failed["status"]!.GetValue<string>().ShouldBe("failed");
            failed["error"]!.GetValue<string>().ShouldContain("unexpected error 3 times");
            (await CountCustomersAsync(tenant)).ShouldBe(0);
            var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
                .Where(e => e.TenantId == tenant.Id && e.Action == "customers.import").Select(e => e.Details).ToListAsync(Ct));
            JsonNode.Parse(audit.ShouldHaveSingleItem())!["status"]!.GetValue<string>().ShouldBe("failed");
        }
    }

    [Fact]
    public async Task Tenants_take_turns_and_a_long_job_gives_way_to_a_waiting_tenant()
    {
        await app.RunImportsAsync();
        var busy = await app.CreateTenantAsync();
        var quiet = await app.CreateTenantAsync();
        var rows = new StringBuilder("name,phone\r\n");
        for (var i = 0; i < 300; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"Busy {i},07700 9{i:00000}\r\n");
        }
        // Six batches of 50 (the tests' batch size); a turn is two batches.
        var longJob = await StartImportAsync(busy.OfficeClient(), busy, Encoding.UTF8.GetBytes(rows.ToString()));
        var secondJob = await StartImportAsync(busy.OfficeClient(), busy, Encoding.UTF8.GetBytes("name,phone\r\nBusy Second,07700 900971\r\n"));
        var quietJob = await StartImportAsync(quiet.OfficeClient(), quiet, Encoding.UTF8.GetBytes("name,phone\r\nQuiet Person,07700 900972\r\n"));

        // The busy tenant's first turn ends after two batches, because the quiet tenant waits.
        (await Processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
        var paused = await GetJobAsync(busy.OfficeClient(), busy, longJob);
        (paused["status"]!.GetValue<string>(), paused["processed_rows"]!.GetValue<int>()).ShouldBe(("running", 100));

        // Then the quiet tenant, served never, goes before the busy tenant's other jobs.
        (await Processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
        (await GetJobAsync(quiet.OfficeClient(), quiet, quietJob))["status"]!.GetValue<string>().ShouldBe("completed");
        (await GetJobAsync(busy.OfficeClient(), busy, secondJob))["status"]!.GetValue<string>().ShouldBe("queued");

        // With nobody else waiting, the long job runs to its end in one turn and nothing is lost or repeated.
        (await Processor.ProcessNextAsync("instance-a", int.MaxValue, Ct)).ShouldBeTrue();
        var done = await GetJobAsync(busy.OfficeClient(), busy, longJob);
        (done["status"]!.GetValue<string>(), done["created"]!.GetValue<int>()).ShouldBe(("completed", 300));
        await app.RunImportsAsync();
        (await CountCustomersAsync(busy)).ShouldBe(301);
    }
}
