namespace Customers.Api.Tests.Customers;

/// <summary>
/// PostgreSQL only: the trigram search index keeps new entries in a pending list until merged;
/// after a bulk write the service merges them in the background (SearchIndexMerger), so that
/// neither a later write nor every search pays for the list.
/// </summary>
public sealed class SearchIndexMergePostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bulk_creates_search_entries_are_merged_into_the_index_soon_after_and_search_finds_them()
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pgstattuple", Ct));
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var rows = Enumerable.Range(0, 200).Select(i => new { name = $"Merged Person {i}", phone = $"07700 900{i:000}", email = $"merged{i}@example.org" });

        var response = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers = rows });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var pending = await PendingEntriesAsync();
        for (var wait = 0; wait < 100 && pending > 0; wait++)
        {
            await Task.Delay(100, Ct);
            pending = await PendingEntriesAsync();
        }
        pending.ShouldBe(0L);
        (await client.ListCustomerNamesAsync(tenant, "search=merged123%40")).ShouldBe(["Merged Person 123"]);
    }

    private Task<long> PendingEntriesAsync() => app.WithDbAsync(db => db.Database
        .SqlQueryRaw<long>("""SELECT pending_tuples AS "Value" FROM pgstatginindex('ix_customers_tenant_search_trgm'::regclass)""")
        .SingleAsync(Ct));
}
