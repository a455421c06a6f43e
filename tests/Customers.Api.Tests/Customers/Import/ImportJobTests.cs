using System.Text;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportJobSqliteTests(SqliteApp app) : ImportJobTests(app), IClassFixture<SqliteApp>;

public sealed class ImportJobPostgresTests(PostgresApp app) : ImportJobTests(app), IClassFixture<PostgresApp>;

/// <summary>Import jobs (§8): resumed by another instance without loss or duplication, cancelled, private to their tenant.</summary>
public abstract class ImportJobTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_stopped_mid_way_resumes_on_another_instance_without_loss_or_duplication()
    {
        // Jobs are claimed oldest first across tenants: finish any that other tests of this class left queued.
        await app.RunImportsAsync();
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

    [Fact]
    public async Task A_completed_dry_run_is_run_for_real_without_a_second_upload()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var csv = "Name,Phone\r\nRun Once,07700 900721\r\nRun Twice,07700 900722\r\nNo Phone,\r\n";
        var dryRun = (await (await client.PostAsync($"{tenant.CustomersUrl}/imports?dry_run=true", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), Ct)).ReadJsonAsync())["id"]!.GetValue<long>();

        // Not yet finished: nothing to run.
        await (await client.PostAsync($"{tenant.CustomersUrl}/imports/{dryRun}/run", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await app.RunImportsAsync();
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
        await (await other.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports/{dryRun}/run", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.OfficeClient().PostAsync($"{other.CustomersUrl}/imports/{dryRun}/run", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var run = await client.PostAsync($"{tenant.CustomersUrl}/imports/{dryRun}/run", null, Ct);
        var real = await run.ReadJsonAsync();
        run.StatusCode.ShouldBe(HttpStatusCode.Accepted, real.ToJsonString());
        var realId = real["id"]!.GetValue<long>();
        realId.ShouldNotBe(dryRun);
        real["dry_run"]!.GetValue<bool>().ShouldBeFalse();
        run.Headers.Location!.ToString().ShouldBe($"{tenant.CustomersUrl}/imports/{realId}");
        await app.RunImportsAsync();

        var done = await GetJobAsync(client, tenant, realId);
        (done["status"]!.GetValue<string>(), done["created"]!.GetValue<int>(), done["failed"]!.GetValue<int>()).ShouldBe(("completed", 2, 1));
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(2);
        // The real import's file is gone once it ended; running a real import again is refused.
        (await app.WithDbAsync(db => db.ImportChunks.CountAsync(c => c.TenantId == tenant.Id && c.JobId == realId, Ct))).ShouldBe(0);
        await (await client.PostAsync($"{tenant.CustomersUrl}/imports/{realId}/run", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // After its day the dry run's file is purged, and running it says to upload again.
        await app.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == dryRun).ExecuteUpdateAsync(s => s.SetProperty(j => j.FinishedAt, DateTime.UtcNow.AddDays(-2)), Ct));
        await app.Services.GetRequiredService<global::Customers.Api.Hosting.DataPurger>().PurgeAsync(Ct);
        var purged = await client.PostAsync($"{tenant.CustomersUrl}/imports/{dryRun}/run", null, Ct);
        (await purged.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("upload it again");
    }
}
