namespace Customers.Api.Tests.Customers;

public sealed class CustomerSearchSqliteTests(SqliteApp app) : CustomerSearchTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerSearchPostgresTests(PostgresApp app) : CustomerSearchTests(app), IClassFixture<PostgresApp>;

/// <summary>Search as people type it (§4) and the paging window: honest, bounded totals.</summary>
public abstract class CustomerSearchTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_word_must_match_in_any_order_and_a_postcode_matches_with_or_without_its_space()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new { name = "Geoffrey Smith", phone = "07700 900701", postcode = "HG1 1BG" });
        await client.PostCustomerAsync(tenant, new { name = "Geoffrey Jones", phone = "07700 900702", email = "gj@smithfield.example" });
        await client.PostCustomerAsync(tenant, new { name = "Anna Smith", phone = "07700 900703", postcode = "LS6 2QX" });
        var other = await app.CreateTenantAsync();
        await other.OfficeClient().PostCustomerAsync(other, new { name = "Geoffrey Smith", phone = "07700 900704", postcode = "HG1 1BG" });

        async Task<string[]> SearchAsync(string term) =>
            await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString(term));

        // A word may match another field than its neighbour: "smith" in Geoffrey Jones's email.
        (await SearchAsync("smith geoffrey")).ShouldBe(["Geoffrey Jones", "Geoffrey Smith"]);
        (await SearchAsync("smith geoffrey hg1")).ShouldBe(["Geoffrey Smith"]);
        (await SearchAsync("SMITH")).ShouldBe(["Anna Smith", "Geoffrey Jones", "Geoffrey Smith"]);
        (await SearchAsync("hg11bg")).ShouldBe(["Geoffrey Smith"]);
        (await SearchAsync("HG1 1BG")).ShouldBe(["Geoffrey Smith"]);
        (await SearchAsync("anna ls62qx")).ShouldBe(["Anna Smith"]);
        (await SearchAsync("ls6")).ShouldBe(["Anna Smith"]);
        (await SearchAsync("07700 900701")).ShouldBe(["Geoffrey Smith"]);
        (await SearchAsync("+44 7700 900701")).ShouldBe(["Geoffrey Smith"]);
        (await SearchAsync("07700900701")).ShouldBe(["Geoffrey Smith"]);
        (await SearchAsync("geoffrey 07700900703")).ShouldBeEmpty();
        (await SearchAsync("smith nobody")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Past_ten_thousand_matches_the_total_is_a_lower_bound_and_no_page_starts_past_the_window()
    {
        var tenant = await app.CreateTenantAsync();
        const int Count = 10_050;
        await app.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var now = DateTime.UtcNow;
            db.Customers.AddRange(Enumerable.Range(0, Count).Select(i => new Customer
            {
                TenantId = tenant.Id,
                Name = $"Window {(i % 2 == 0 ? "Even" : "Odd")} {i}",
                Phone = $"+4477009{i:D5}",
                CreatedAt = now,
                UpdatedAt = now,
            }));
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        var client = tenant.OfficeClient();
        async Task<JsonNode> PaginationAsync(string query)
        {
            var response = await client.GetUrlAsync($"{tenant.CustomersUrl}?{query}");
            var body = await response.ReadJsonAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            return body["pagination"]!;
        }

        var broad = await PaginationAsync("search=window&limit=50");
        (broad["total"]!.GetValue<int>(), broad["total_exact"]!.GetValue<bool>(), broad["totalPages"]!.GetValue<int>()).ShouldBe((10_000, false, 200));
        var narrow = await PaginationAsync("search=" + Uri.EscapeDataString("odd window"));
        (narrow["total"]!.GetValue<int>(), narrow["total_exact"]!.GetValue<bool>()).ShouldBe((Count / 2, true));
        // The unfiltered list knows its exact size from the statistics counters.
        var all = await PaginationAsync("limit=200");
        (all["total"]!.GetValue<int>(), all["total_exact"]!.GetValue<bool>()).ShouldBe((Count, true));

        (await PaginationAsync("search=window&limit=50&page=200"))["page"]!.GetValue<int>().ShouldBe(200);
        var past = await client.GetUrlAsync($"{tenant.CustomersUrl}?search=window&limit=50&page=201");
        (await past.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("page")
            .ShouldBe(["page 201 starts past row 10,000: narrow the search or the filters, or use the export for every row"]);
        await (await client.GetUrlAsync($"{tenant.CustomersUrl}?limit=200&page=51")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        // A page that starts inside the window may end past it.
        (await client.ListCustomerNamesAsync(tenant, "limit=200&page=50&sort=customer_id")).Length.ShouldBe(200);
    }

    [Fact]
    public async Task Past_ten_thousand_matches_a_page_is_still_the_page_of_every_match_in_the_sort_order()
    {
        // 10,050 "Zed Window" customers, newest first in created_at, after 20,000 older "Aaron"
        // customers in the name order: by -created_at the matches are dense at the start, by name
        // none is among the first 20,000 rows (CustomersApi.SortWalkRows).
        var tenant = await app.CreateTenantAsync();
        const int Fillers = CustomersApi.SortWalkRows;
        const int Matches = 10_050;
        var now = DateTime.UtcNow;
        await app.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Customers.AddRange(Enumerable.Range(0, Fillers).Select(i => new Customer
            {
                TenantId = tenant.Id, Name = $"Aaron Filler {i:D5}", Phone = $"+4477008{i:D5}",
                CreatedAt = now.AddDays(-1).AddSeconds(-i), UpdatedAt = now,
            }).Concat(Enumerable.Range(0, Matches).Select(i => new Customer
            {
                TenantId = tenant.Id, Name = $"Zed Window {i:D5}", Phone = $"+4477009{i:D5}",
                CreatedAt = now.AddSeconds(-i), UpdatedAt = now,
            })));
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        var client = tenant.OfficeClient();
        string[] Expected(IEnumerable<int> numbers) => numbers.Select(i => $"Zed Window {i:D5}").ToArray();

        (await client.ListCustomerNamesAsync(tenant, "search=window&sort=-created_at&limit=50&page=5")).ShouldBe(Expected(Enumerable.Range(200, 50)));
        (await client.ListCustomerNamesAsync(tenant, "search=zed&sort=name&limit=50")).ShouldBe(Expected(Enumerable.Range(0, 50)));
        (await client.ListCustomerNamesAsync(tenant, "search=zed&sort=-name&limit=100&page=3")).ShouldBe(Expected(Enumerable.Range(Matches - 300, 100).Reverse()));
        (await client.ListCustomerNamesAsync(tenant, "search=zed&sort=created_at&limit=50&page=200")).ShouldBe(Expected(Enumerable.Range(Matches - 10_000, 50).Reverse()));
        (await client.ListCustomerNamesAsync(tenant, "search=window&sort=updated_at&limit=20")).Length.ShouldBe(20);
    }
}
