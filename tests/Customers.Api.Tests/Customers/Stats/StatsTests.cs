using System.Text;
using Customers.Api.Customers.Stats;

namespace Customers.Api.Tests.Customers.Stats;

public sealed class StatsSqliteTests(SqliteApp app) : StatsTests(app), IClassFixture<SqliteApp>;

public sealed class StatsPostgresTests(PostgresApp app) : StatsTests(app), IClassFixture<PostgresApp>;

/// <summary>Statistics (§6): every figure, kept by every write path as counters that a fresh count agrees with, recounted daily and at start-up.</summary>
public abstract class StatsTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stats_count_every_figure_and_agree_with_the_list()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new
        {
            name = "A", phone = "07700900701", paying_org = "NHS", reminder_opt_in = true, medical_notes = "Asthma",
            schedule = new { monday = new { pickup_time = "07:15" }, friday = new { pickup_time = "09:30" } },
        });
        await client.PostCustomerAsync(tenant, new
        {
            name = "B", phone = "07700900702", paying_org = "NHS", is_login_enabled = true, username = "bee", mobility_requirements = "Frame",
            has_split_payment = true, provider_split = 50, payment_split = 50, email = "b@example.org", reminder_preference = "email",
            schedule = new { monday = new { pickup_time = "07:45" } },
        });
        await client.PostCustomerAsync(tenant, new { name = "C", phone = "07700900703", paying_org = "Private" });
        var archived = await client.PostCustomerAsync(tenant, new { name = "D", phone = "07700900704", paying_org = "NHS", is_login_enabled = true, username = "dee" });
        await client.PostAsync($"{tenant.CustomersUrl}/{archived["customer_id"]}/archive", null, Ct);
        var deleted = await client.PostCustomerAsync(tenant, new { name = "E", phone = "07700900705", paying_org = "NHS" });
        await client.DeleteAsync($"{tenant.CustomersUrl}/{deleted["customer_id"]}", Ct);

        var stats = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();

        stats["total"]!.GetValue<int>().ShouldBe(4);
        stats["active"]!.GetValue<int>().ShouldBe(3);
        stats["archived"]!.GetValue<int>().ShouldBe(1);
        stats["with_login"]!.GetValue<int>().ShouldBe(1);
        stats["reminder_opt_in"]!.GetValue<int>().ShouldBe(1);
        stats["by_reminder_preference"]!.ToJsonString().ShouldBe("""{"sms":2,"email":1,"both":0}""");
        stats["by_paying_org"]!.ToJsonString().ShouldBe("""[{"paying_org":"NHS","count":2},{"paying_org":"Private","count":1}]""");
        stats["split_payment"]!.GetValue<int>().ShouldBe(1);
        stats["with_medical_notes"]!.GetValue<int>().ShouldBe(1);
        stats["with_mobility_requirements"]!.GetValue<int>().ShouldBe(1);
        stats["new_this_month"]!.GetValue<int>().ShouldBe(3);
        stats["schedule"]!.ToJsonString().ShouldBe(
            """{"customers_with_schedule":2,"trips_per_weekday":{"monday":2,"tuesday":0,"wednesday":0,"thursday":0,"friday":1,"saturday":0,"sunday":0},"pickups_by_hour":{"07":2,"09":1},"earliest_pickup":"07:15","latest_pickup":"09:30"}""");

        // The same figures as the list endpoint's counts.
        (await TotalAsync(client, tenant, "archived=false")).ShouldBe(stats["active"]!.GetValue<int>());
        (await TotalAsync(client, tenant, "archived=true")).ShouldBe(stats["archived"]!.GetValue<int>());
        (await TotalAsync(client, tenant, "archived=all")).ShouldBe(stats["total"]!.GetValue<int>());
        (await TotalAsync(client, tenant, "is_login_enabled=true")).ShouldBe(stats["with_login"]!.GetValue<int>());
        (await TotalAsync(client, tenant, "paying_org=NHS")).ShouldBe(2);
    }

    [Fact]
    public async Task Stats_counters_kept_by_every_write_path_equal_a_fresh_count()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var admin = tenant.AdminClient();
        var url = tenant.CustomersUrl;
        var monday = new { monday = new { pickup_time = "08:10" } };

        // Single writes: create, update (counted fields and schedule), archive, unarchive, delete,
        // reminder settings, erasure.
        var one = (await client.PostCustomerAsync(tenant, new { name = "One", phone = "07700900801", paying_org = "NHS", schedule = monday }))["customer_id"]!.GetValue<int>();
        var two = (await client.PostCustomerAsync(tenant, new { name = "Two", phone = "07700900802", medical_notes = "Asthma" }))["customer_id"]!.GetValue<int>();
        var three = (await client.PostCustomerAsync(tenant, new { name = "Three", phone = "07700900803", paying_org = "Council" }))["customer_id"]!.GetValue<int>();
        (await client.PutJsonAsync($"{url}/{one}", new { paying_org = "Council", schedule = new { friday = new { pickup_time = "17:40" } }, mobility_requirements = "Frame" })).EnsureSuccessStatusCode();
        (await client.PostAsync($"{url}/{two}/archive", null, Ct)).EnsureSuccessStatusCode();
        (await client.PostAsync($"{url}/{two}/unarchive", null, Ct)).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"{url}/{three}", Ct)).EnsureSuccessStatusCode();
        (await client.PutJsonAsync($"{url}/{one}/reminder-settings", new { reminder_opt_in = true, reminder_preference = "sms" })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{url}/{two}/erase", null, Ct)).EnsureSuccessStatusCode();

        // Bulk writes.
        var created = await (await client.PostJsonAsync($"{url}/bulk", new
        {
            customers = Enumerable.Range(0, 6).Select(i => new
            {
                name = $"Bulk {i}", phone = $"0770090082{i}", paying_org = i % 2 == 0 ? "NHS" : null, is_login_enabled = i == 0, username = i == 0 ? "bulkzero" : null,
                schedule = i < 3 ? monday : null, has_split_payment = i == 1, provider_split = i == 1 ? 40 : (int?)null, payment_split = i == 1 ? 60 : (int?)null,
            }),
        })).ReadJsonAsync();
        var ids = created.CreatedCustomerIds();
        ids.Length.ShouldBe(6);
        (await client.PutJsonAsync($"{url}/bulk-update", new
        {
            updates = new object[]
            {
                new { customer_id = ids[0], paying_org = "Council", reminder_preference = "email", email = "zero@example.org" },
                new { customer_id = ids[1], schedule = (object?)null },
                new { customer_id = ids[2], schedule = new { tuesday = new { pickup_time = "06:55" } } },
            },
        })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"{url}/bulk-archive", new { customer_ids = ids[..3] })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"{url}/bulk-unarchive", new { customer_ids = ids[..1] })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"{url}/bulk-delete", new { customer_ids = ids[1..2].Append(ids[4]).ToArray() })).EnsureSuccessStatusCode();

        // An import that creates and updates.
        var csv = $"ID,Name,Phone,Paying Org\r\n{ids[5]},Bulk Five,07700900825,Private\r\n,Imported,07700900830,NHS\r\n";
        (await client.PostAsync($"{url}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.RunImportsAsync();

        var kept = (await (await client.GetUrlAsync($"{url}/stats")).ReadJsonAsync()).ToJsonString();
        await app.WithDbAsync(async db =>
        {
            await StatCounters.RecountAsync(db, app.Services.GetRequiredService<IStatCounterStore>(), tenant.Id, Ct);
            return 0;
        });
        var recounted = await (await client.GetUrlAsync($"{url}/stats")).ReadJsonAsync();

        kept.ShouldBe(recounted.ToJsonString());
        recounted["total"]!.GetValue<int>().ShouldBe(7);
        recounted["archived"]!.GetValue<int>().ShouldBe(1);
        recounted["by_paying_org"]!.ToJsonString().ShouldBe(
            """[{"paying_org":null,"count":2},{"paying_org":"Council","count":2},{"paying_org":"NHS","count":1},{"paying_org":"Private","count":1}]""");
        recounted["schedule"]!["earliest_pickup"]!.GetValue<string>().ShouldBe("08:10");
        recounted["schedule"]!["latest_pickup"]!.GetValue<string>().ShouldBe("17:40");
    }

    [Fact]
    public async Task The_daily_recount_repairs_counters_that_drifted_and_takes_each_tenant_once()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new { name = "Counted", phone = "07700900851", paying_org = "NHS" });
        await app.WithDbAsync(async db =>
        {
            // As a lost race would leave them: one customer too many, a paying org that no one has.
            db.CustomerStatDeltas.AddRange(
                new CustomerStatDelta { TenantId = tenant.Id, Metric = StatCounters.Total, Delta = 1 },
                new CustomerStatDelta { TenantId = tenant.Id, Metric = StatCounters.PayingOrg, Key = "Ghost", Delta = 1 });
            return await db.SaveChangesAsync(Ct);
        });
        var drifted = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();
        drifted["total"]!.GetValue<int>().ShouldBe(2);

        // The daily recount takes the tenant (never recounted yet), once.
        var recounter = app.Services.GetRequiredService<StatsRecounter>();
        (await recounter.RecountDueTenantsAsync(Ct, onlyTenantId: tenant.Id)).ShouldBe(1);
        (await recounter.RecountDueTenantsAsync(Ct, onlyTenantId: tenant.Id)).ShouldBe(0);
        var repaired = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();

        repaired["total"]!.GetValue<int>().ShouldBe(1);
        repaired["by_paying_org"]!.ToJsonString().ShouldBe("""[{"paying_org":"NHS","count":1}]""");
        (await app.WithDbAsync(db => db.Tenants.SingleAsync(t => t.Id == tenant.Id, Ct))).StatsRecountedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Start_up_counts_a_tenant_whose_customers_have_no_counters_and_stamps_it_as_recounted()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new { name = "Before Counters", phone = "07700900852", paying_org = "NHS" });
        // As a database written before the counters existed would be.
        await app.WithDbAsync(db => db.CustomerStatDeltas.Where(d => d.TenantId == tenant.Id).ExecuteDeleteAsync(Ct));
        (await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync())["total"]!.GetValue<int>().ShouldBe(0);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await DatabaseInitializer.MigrateAsync(scope.ServiceProvider, Ct);
        }

        var stats = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();
        stats["total"]!.GetValue<int>().ShouldBe(1);
        stats["by_paying_org"]!.ToJsonString().ShouldBe("""[{"paying_org":"NHS","count":1}]""");
        (await app.WithDbAsync(db => db.Tenants.SingleAsync(t => t.Id == tenant.Id, Ct))).StatsRecountedAt.ShouldNotBeNull();
        // So the daily recount leaves it for a day.
        (await app.Services.GetRequiredService<StatsRecounter>().RecountDueTenantsAsync(Ct, onlyTenantId: tenant.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Stats_fold_many_counter_rows_into_the_same_figures()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        for (var round = 0; round < 3; round++)
        {
            var created = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new
            {
                customers = Enumerable.Range(0, 200).Select(i => new
                {
                    name = $"Fold {round}-{i}", phone = $"07700 900{i:D3}", paying_org = $"Org {i}",
                    schedule = new { monday = new { pickup_time = $"{6 + (i % 12):D2}:{i % 60:D2}" } },
                }),
            })).ReadJsonAsync();
            created["summary"]!["created"]!.GetValue<int>().ShouldBe(200);
        }
        var rowsBefore = await app.WithDbAsync(db => db.CustomerStatDeltas.CountAsync(d => d.TenantId == tenant.Id, Ct));
        rowsBefore.ShouldBeGreaterThan(StatCounters.CompactAbove);

        var first = (await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync()).ToJsonString();
        var rowsAfter = await app.WithDbAsync(db => db.CustomerStatDeltas.CountAsync(d => d.TenantId == tenant.Id, Ct));
        var second = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();

        rowsAfter.ShouldBeLessThan(rowsBefore);
        second.ToJsonString().ShouldBe(first);
        second["total"]!.GetValue<int>().ShouldBe(600);
        second["by_paying_org"]!.AsArray().Count.ShouldBe(200);
    }

    [Fact]
    public async Task Stats_of_an_empty_tenant_are_zero_and_other_tenants_are_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var stats = await (await tenant.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();
        stats["total"]!.GetValue<int>().ShouldBe(0);
        stats["schedule"]!["earliest_pickup"].ShouldBeNull();
        await (await other.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}/stats")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<int> TotalAsync(HttpClient client, TestTenant tenant, string query) =>
        (await (await client.GetUrlAsync($"{tenant.CustomersUrl}?{query}")).ReadJsonAsync())["pagination"]!["total"]!.GetValue<int>();
}
