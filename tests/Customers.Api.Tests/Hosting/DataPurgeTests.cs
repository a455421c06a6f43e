using System.Text;
using Customers.Api.Hosting;
using Customers.Api.Idempotency;

namespace Customers.Api.Tests.Hosting;

public sealed class DataPurgeSqliteTests(SqliteApp app) : DataPurgeTests(app), IClassFixture<SqliteApp>;

public sealed class DataPurgePostgresTests(PostgresApp app) : DataPurgeTests(app), IClassFixture<PostgresApp>;

/// <summary>Storage is reclaimed: a cancelled import's file at once, replay answers after 24 hours, failed import rows and what a revert needs after 30 days.</summary>
public abstract class DataPurgeTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancelled_imports_file_is_deleted_at_once()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("name,phone\r\nNever Imported,07700900681\r\n"));
        (await app.WithDbAsync(db => db.ImportChunks.CountAsync(c => c.JobId == job, Ct))).ShouldBeGreaterThan(0);

        (await client.DeleteAsync($"{tenant.CustomersUrl}/imports/{job}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.WithDbAsync(db => db.ImportChunks.CountAsync(c => c.JobId == job, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task The_purge_deletes_what_is_past_its_time_and_keeps_the_rest()
    {
        var tenant = await app.CreateTenantAsync();
        var now = DateTime.UtcNow;
        long oldJob = 0, freshJob = 0;
        await app.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.AddRange(
                new IdempotencyRecord { TenantId = tenant.Id, UserId = tenant.Office.Id, Key = "old", RequestHash = "x", StatusCode = 201, CreatedAt = now.AddHours(-25) },
                new IdempotencyRecord { TenantId = tenant.Id, UserId = tenant.Office.Id, Key = "fresh", RequestHash = "x", StatusCode = 201, CreatedAt = now.AddHours(-1) });
            var jobs = new[] { now.AddDays(-31), now.AddDays(-1) }.Select(finished => new ImportJob
            {
                TenantId = tenant.Id, Status = ImportStatus.Completed, CreatedAt = finished, FinishedAt = finished,
            }).ToList();
            db.ImportJobs.AddRange(jobs);
            await db.SaveChangesAsync(Ct);
            (oldJob, freshJob) = (jobs[0].Id, jobs[1].Id);
            foreach (var job in jobs)
            {
                db.ImportRowErrors.Add(new ImportRowError { TenantId = tenant.Id, JobId = job.Id, Row = 2, Cells = "[\"x\"]", Error = "bad" });
                db.ImportChunks.Add(new ImportChunk { TenantId = tenant.Id, JobId = job.Id, Sequence = 0, Data = [1, 2, 3] });
                db.ImportCreatedBatches.Add(new ImportCreatedBatch { TenantId = tenant.Id, JobId = job.Id, FirstRow = 2, CustomerIds = "[1]", WrittenAt = job.CreatedAt });
                db.ImportUpdatedRows.Add(new ImportUpdatedRow { TenantId = tenant.Id, JobId = job.Id, Row = 3, CustomerId = 1, Before = "{\"medical_notes\":\"x\"}", WrittenAt = job.CreatedAt });
            }
            db.LoginThrottles.AddRange(
                new LoginThrottle { UserId = tenant.Office.Id, Client = "192.0.2.1", FailedCount = 3, LastFailedAt = now.AddHours(-25) },
                new LoginThrottle { UserId = tenant.Office.Id, Client = "192.0.2.2", FailedCount = 3, LastFailedAt = now.AddHours(-1) },
                new LoginThrottle { UserId = tenant.Office.Id, Client = "192.0.2.3", FailedCount = 40, LastFailedAt = now.AddHours(-25), BlockedUntil = now.AddHours(1) });
            await db.SaveChangesAsync(Ct);
            return 0;
        });

        await app.Services.GetRequiredService<DataPurger>().PurgeAsync(Ct);

        (await app.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.TenantId == tenant.Id).Select(r => r.Key).ToListAsync(Ct))).ShouldBe(["fresh"]);
        (await app.WithDbAsync(db => db.ImportRowErrors.Where(e => e.TenantId == tenant.Id).Select(e => e.JobId).ToListAsync(Ct))).ShouldBe([freshJob]);
        (await app.WithDbAsync(db => db.ImportChunks.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
        // What a revert needs goes once the job is past its 30 days.
        (await app.WithDbAsync(db => db.ImportCreatedBatches.Where(b => b.TenantId == tenant.Id).Select(b => b.JobId).ToListAsync(Ct))).ShouldBe([freshJob]);
        (await app.WithDbAsync(db => db.ImportUpdatedRows.Where(r => r.TenantId == tenant.Id).Select(r => r.JobId).ToListAsync(Ct))).ShouldBe([freshJob]);
        oldJob.ShouldNotBe(freshJob);
        (await app.WithDbAsync(db => db.LoginThrottles.Where(t => t.UserId == tenant.Office.Id).OrderBy(t => t.Client).Select(t => t.Client).ToListAsync(Ct)))
            .ShouldBe(["192.0.2.2", "192.0.2.3"]);
    }
}
