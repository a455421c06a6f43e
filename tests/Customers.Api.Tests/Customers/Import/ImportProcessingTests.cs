using System.Diagnostics;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportProcessingSqliteTests(ProcessingSqliteApp app) : ImportProcessingTests(app), IClassFixture<ProcessingSqliteApp>;

public sealed class ImportProcessingPostgresTests(ProcessingPostgresApp app) : ImportProcessingTests(app), IClassFixture<ProcessingPostgresApp>;

public abstract class ImportProcessingTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_starts_its_job_at_once_instead_of_at_the_next_poll()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        // The processor has looked once at start-up, found nothing, and would now sleep for an hour.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);

        foreach (var (name, phone) in new[] { ("First Upload", "07700 900701"), ("Second Upload", "07700 900702") })
        {
            var upload = await client.PostAsync($"{tenant.CustomersUrl}/imports",
                new StringContent($"name,phone\r\n{name},{phone}\r\n", System.Text.Encoding.UTF8, "text/csv"), Ct);
            upload.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var location = upload.Headers.Location!.ToString();

            var waited = Stopwatch.StartNew();
            JsonNode job;
            do
            {
                await Task.Delay(50, Ct);
                job = await (await client.GetUrlAsync(location)).ReadJsonAsync();
            }
            while (job["status"]!.GetValue<string>() is "queued" or "running" && waited.Elapsed < TimeSpan.FromSeconds(30));

            job["status"]!.GetValue<string>().ShouldBe("completed", job.ToJsonString());
            job["created"]!.GetValue<int>().ShouldBe(1);
        }
        (await client.ListCustomerNamesAsync(tenant, "")).ShouldBe(["First Upload", "Second Upload"]);
    }
}
