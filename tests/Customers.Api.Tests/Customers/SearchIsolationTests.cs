namespace Customers.Api.Tests.Customers;

/// <summary>
/// PostgreSQL only (§4, issue 18): a small tenant's search reads a bounded number of buffers
/// whatever another tenant holds, because the search index is led by tenant_id.
/// docs/adr/20261206-tenant-led-trigram-index.md
/// </summary>
public sealed class SearchIsolationPostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tenants_search_reads_the_same_buffers_when_its_neighbour_doubles_its_matching_rows()
    {
        var small = await app.CreateTenantAsync();
        var big = await app.CreateTenantAsync();
        var client = small.OfficeClient();
        // Enough rows that the planner searches through the trigram index rather than the tenant's rows.
        await AddCustomersAsync(small.Id, 0, 8_000, "Small", "HG1 1BG");
        await AddCustomersAsync(big.Id, 0, 15_000, "Neighbour", "LS6 2QX");
        var before = await FewestBuffersAsync(small.Id, "LS6 2");

        await AddCustomersAsync(big.Id, 15_000, 15_000, "Neighbour", "LS6 2QX");
        var after = await FewestBuffersAsync(small.Id, "LS6 2");

        // The shared index read the neighbour's 15,000 (then 30,000) matching entries and rows.
        after.ShouldBeLessThanOrEqualTo(before + before / 10 + 10, $"buffers before {before}, after {after}");
        TestContext.Current.TestOutputHelper?.WriteLine($"buffers before {before}, after {after}");
        (await client.ListCustomerNamesAsync(small, "search=" + Uri.EscapeDataString("LS6 2"))).ShouldBeEmpty();
        (await big.OfficeClient().GetUrlAsync($"{big.CustomersUrl}?search={Uri.EscapeDataString("LS6 2")}&limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<int> AddCustomersAsync(int tenantId, int from, int count, string name, string postcode) => app.WithDbAsync(async db =>
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        db.Customers.AddRange(Enumerable.Range(from, count).Select(i => new Customer
        {
            TenantId = tenantId, Name = $"{name} {i}", Phone = $"+4477008{i:D5}", Postcode = postcode, CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(Ct);
        // As the service does after a bulk write (SearchIndexMerger), and autovacuum later: new
        // entries wait in the index's pending list, which every search reads whatever its tenant.
        (await app.Services.GetRequiredService<ICustomerSearch>().MergePendingEntriesAsync(db, Ct)).ShouldBeTrue();
        await db.Database.ExecuteSqlRawAsync("ANALYZE customers", Ct);
        return 0;
    });

    // The fewest of three runs: a first run may also set hint bits or meet autovacuum's work.
    private async Task<long> FewestBuffersAsync(int tenantId, string term)
    {
        var fewest = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            fewest = Math.Min(fewest, await SearchBuffersAsync(tenantId, term));
        }
        return fewest;
    }

    /// <summary>Shared buffers (hit and read) of reading a search's matches, as the list does first (§4's window: at most 10,001).</summary>
    private Task<long> SearchBuffersAsync(int tenantId, string term) => app.WithDbAsync(async db =>
    {
        var pattern = "%" + term + "%";
        var plans = await db.Database.SqlQuery<string>($"""
            EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
            SELECT count(*) FROM (
                SELECT c.customer_id FROM customers c
                WHERE c.tenant_id = {tenantId} AND c.is_active AND NOT c.archived
                  AND customer_search_text(c.name, c.email, c.phone, c.postcode) ILIKE {pattern}
                LIMIT 10001) AS matches
            """).ToListAsync(Ct);
        var plan = JsonNode.Parse(plans.Single())![0]!["Plan"]!;
        return plan["Shared Hit Blocks"]!.GetValue<long>() + plan["Shared Read Blocks"]!.GetValue<long>();
    });
}
