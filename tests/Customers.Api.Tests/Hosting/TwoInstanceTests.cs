using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Customers.Api.Tests.Hosting;

/// <summary>Two instances of the service on one PostgreSQL database, each running the import processor.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public Instance First { get; private set; } = null!;

    public Instance Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        First = new Instance(null);
        await First.InitializeAsync();
        Second = new Instance(First.Database);
        await Second.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }

    public sealed class Instance(string? database) : PostgresApp
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public string Database => ConnectionString;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        public string ProcessorId => Services.GetRequiredService<ImportProcessor>().InstanceId;

        // Both process imports; a claim would only run out after five minutes, so a job moves
        // between them within the test only when it is handed over.
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Imports:ProcessJobs"] = "true",
            ["Imports:PollInterval"] = "00:00:00.200",
            ["Imports:ClaimTimeout"] = "00:05:00",
            ["Imports:BatchesPerTurn"] = "1000",
        };

        protected override bool OwnsDatabase => database is null;

        public override async ValueTask InitializeAsync()
        {
            if (database is null)
            {
                await base.InitializeAsync();
            }
            else
            {
                ConnectionString = database;
            }
        }
    }
}

/// <summary>§12: several instances share the work through the database, and a stopping one hands its import over.</summary>
public sealed class TwoInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Imports_queued_on_either_instance_are_each_processed_once()
    {
        var tenant = await instances.First.CreateTenantAsync();
        var jobs = new List<long>();
        for (var file = 0; file < 4; file++)
        {
            var client = instances.First.ClientFor(file % 2 == 0 ? tenant.Admin : tenant.Office);
            var uploader = file % 2 == 0 ? client : instances.Second.ClientFor(tenant.Admin);
            var rows = string.Concat(Enumerable.Range(0, 300).Select(i => $"Shared {file} {i},07700 900{i:000}\r\n"));
            jobs.Add(await StartImportAsync(uploader, tenant, Encoding.UTF8.GetBytes("name,phone\r\n" + rows)));
        }
        var reader = instances.Second.ClientFor(tenant.Admin);
        foreach (var job in jobs)
        {
            (await WaitForStatusAsync(reader, tenant, job, "completed", TimeSpan.FromSeconds(60)))["created"]!.GetValue<int>().ShouldBe(300);
        }
        (await instances.First.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(1200);
    }

    [Fact]
    public async Task An_idempotency_key_used_on_one_instance_is_replayed_by_the_other()
    {
        var tenant = await instances.First.CreateTenantAsync();
        async Task<HttpResponseMessage> CreateAsync(CustomersApp instance)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, tenant.CustomersUrl)
            {
                Content = Http.Json(new { name = "Keyed Across", phone = "07700 900951" }),
            };
            request.Headers.Add("Idempotency-Key", "across-instances-1");
            return await instance.ClientFor(tenant.Office).SendAsync(request, Ct);
        }

        var first = await CreateAsync(instances.First);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await CreateAsync(instances.Second);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.ReadJsonAsync())["customer_id"]!.GetValue<int>().ShouldBe((await first.ReadJsonAsync())["customer_id"]!.GetValue<int>());
        (await instances.First.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(1);
    }

    internal static async Task<JsonNode> WaitForStatusAsync(HttpClient client, TestTenant tenant, long job, string status, TimeSpan timeout, Func<JsonNode, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var current = await GetJobAsync(client, tenant, job);
            if (current["status"]!.GetValue<string>() == status && (also is null || also(current)))
            {
                return current;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import {job} is not {status} after {timeout}: {current.ToJsonString()}");
            }
            await Task.Delay(100, Ct);
        }
    }
}

/// <summary>§12: SIGTERM on the instance running an import (its host stopping) hands the job to the other at once.</summary>
public sealed class ImportHandOverTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopping_instance_hands_its_import_over_and_the_other_finishes_it_before_the_claim_would_run_out()
    {
        var tenant = await instances.First.CreateTenantAsync();
        const int Rows = 20_000;
        var csv = "name,phone\r\n" + string.Concat(Enumerable.Range(0, Rows).Select(i => $"Handed Over {i},07700 900{i % 1000:000}\r\n"));
        var reader = instances.Second.ClientFor(tenant.Admin);
        var job = await StartImportAsync(instances.First.ClientFor(tenant.Admin), tenant, Encoding.UTF8.GetBytes(csv));

        // Whichever instance claimed it is stopped, as SIGTERM stops it, part-way through.
        var running = await TwoInstanceTests.WaitForStatusAsync(reader, tenant, job, "running", TimeSpan.FromSeconds(30), j => j["processed_rows"]!.GetValue<int>() > 0);
        var holder = await instances.First.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job).Select(j => j.ClaimedBy).SingleAsync(Ct));
        var (stopping, other) = holder == instances.First.ProcessorId ? (instances.First, instances.Second) : (instances.Second, instances.First);
        holder.ShouldBe(stopping.ProcessorId);
        var stoppedAt = DateTime.UtcNow;
        stopping.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var done = await TwoInstanceTests.WaitForStatusAsync(other.ClientFor(tenant.Admin), tenant, job, "completed", TimeSpan.FromSeconds(90));
        (DateTime.UtcNow - stoppedAt).ShouldBeLessThan(TimeSpan.FromMinutes(4), "finished only after the claim ran out");
        var log = string.Join("\n", instances.First.Logs.Lines.Concat(instances.Second.Logs.Lines).Where(l => l.Contains("Import", StringComparison.Ordinal)));
        done["created"]!.GetValue<int>().ShouldBe(Rows, done.ToJsonString() + "\n" + log);
        done["failed"]!.GetValue<int>().ShouldBe(0);
        running["processed_rows"]!.GetValue<int>().ShouldBeLessThan(Rows);
        (await other.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(Rows);
        (await other.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job).Select(j => j.ClaimedBy).SingleAsync(Ct))).ShouldNotBe(holder);
    }
}

/// <summary>§8 and §12: a revert is background work too: a stopping instance hands it over mid-way, and the other finishes it.</summary>
public sealed class RevertHandOverTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopping_instance_hands_its_revert_over_and_the_other_finishes_it_once()
    {
        var tenant = await instances.First.CreateTenantAsync();
        const int Rows = 20_000;
        var csv = "name,phone\r\n" + string.Concat(Enumerable.Range(0, Rows).Select(i => $"Reverted Over {i},+447714{i:D6}\r\n"));
        var reader = instances.Second.ClientFor(tenant.Admin);
        var job = await StartImportAsync(instances.First.ClientFor(tenant.Admin), tenant, Encoding.UTF8.GetBytes(csv));
        (await TwoInstanceTests.WaitForStatusAsync(reader, tenant, job, "completed", TimeSpan.FromSeconds(90)))["created"]!.GetValue<int>().ShouldBe(Rows);

        (await instances.First.ClientFor(tenant.Admin).PostAsync($"{tenant.CustomersUrl}/imports/{job}/revert", null, Ct)).StatusCode
            .ShouldBe(HttpStatusCode.Accepted);
        // Whichever instance claimed it is stopped, as SIGTERM stops it, part-way through.
        var reverting = await TwoInstanceTests.WaitForStatusAsync(reader, tenant, job, "reverting", TimeSpan.FromSeconds(30),
            j => j["reverted_deleted"]!.GetValue<int>() > 0);
        var holder = await instances.First.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job).Select(j => j.ClaimedBy).SingleAsync(Ct));
        var (stopping, other) = holder == instances.First.ProcessorId ? (instances.First, instances.Second) : (instances.Second, instances.First);
        holder.ShouldBe(stopping.ProcessorId);
        stopping.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var done = await TwoInstanceTests.WaitForStatusAsync(other.ClientFor(tenant.Admin), tenant, job, "reverted", TimeSpan.FromSeconds(90));
        reverting["reverted_deleted"]!.GetValue<int>().ShouldBeLessThan(Rows);
        (done["reverted_deleted"]!.GetValue<int>(), done["reverted_skipped"]!.GetValue<int>()).ShouldBe((Rows, 0));
        (await other.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
        (await other.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id && e.Action == "customers.import_revert", Ct))).ShouldBe(1);
    }
}
