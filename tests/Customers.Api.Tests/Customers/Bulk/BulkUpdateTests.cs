namespace Customers.Api.Tests.Customers.Bulk;

public sealed class BulkUpdateSqliteTests(SqliteApp app) : BulkUpdateTests(app), IClassFixture<SqliteApp>;

public sealed class BulkUpdatePostgresTests(PostgresApp app) : BulkUpdateTests(app), IClassFixture<PostgresApp>;

/// <summary>Bulk update (§5): only the given fields, each failed row reported, atomic mode, the envelope.</summary>
public abstract class BulkUpdateTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bulk_update_changes_only_given_fields_and_reports_each_failed_row()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var a = await client.PostCustomerAsync(tenant, new { name = "A", phone = "07700900041", city = "Leeds", email = "a@example.org" });
        var b = await client.PostCustomerAsync(tenant, new { name = "B", phone = "07700900042" });
        var foreign = await other.OfficeClient().PostCustomerAsync(other, new { name = "Foreign", phone = "07700900043" });
        var (aId, bId, foreignId) = (Id(a), Id(b), Id(foreign));

        var response = await client.PutJsonAsync($"{tenant.CustomersUrl}/bulk-update", new
        {
            updates = new object[]
            {
                new { customer_id = aId, phone = "07700 900051", email = (string?)null },
                new { customer_id = bId, postcode = "not a postcode" },
                new { customer_id = foreignId, name = "Hijacked" },
                new { customer_id = bId, archived = true },
                new { customer_id = bId, paying_org = "Private" },
                new { customer_id = 99999999, city = "Nowhere" },
            },
        });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.MultiStatus, body.ToJsonString());
        body["success"]!.ToJsonString().ShouldBe($$"""[{"row":1,"customerId":{{aId}}},{"row":5,"customerId":{{bId}}}]""");
        body["errors"]!.ToJsonString().ShouldBe(
            $$"""[{"row":2,"customerId":{{bId}},"error":"Postcode is not a valid UK postcode","field":"postcode"},{"row":3,"customerId":{{foreignId}},"error":"Customer {{foreignId}} not found","field":"customer_id"},{"row":4,"customerId":{{bId}},"error":"Field \u0027archived\u0027 is read-only","field":"archived"},{"row":6,"customerId":99999999,"error":"Customer 99999999 not found","field":"customer_id"}]""");
        body["summary"]!.ToJsonString().ShouldBe("""{"total":6,"updated":2,"failed":4}""");

        var storedA = await GetCustomerAsync(client, tenant, aId);
        storedA["phone"]!.GetValue<string>().ShouldBe("+447700900051");
        storedA["email"].ShouldBeNull();
        storedA["city"]!.GetValue<string>().ShouldBe("Leeds");
        var storedB = await GetCustomerAsync(client, tenant, bId);
        storedB["postcode"].ShouldBeNull();
        storedB["paying_org"]!.GetValue<string>().ShouldBe("Private");
        storedB["archived"]!.GetValue<bool>().ShouldBeFalse();
        (await GetCustomerAsync(other.OfficeClient(), other, foreignId))["name"]!.GetValue<string>().ShouldBe("Foreign");
    }

    [Fact]
    public async Task Bulk_update_is_200_when_all_pass_422_when_none_and_atomic_writes_nothing_on_failure()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "A", phone = "07700900061", city = "Leeds" }));
        var url = $"{tenant.CustomersUrl}/bulk-update";

        var all = await client.PutJsonAsync(url, new { updates = new[] { new { customer_id = id, city = "Otley" } } });
        all.StatusCode.ShouldBe(HttpStatusCode.OK);

        var none = await client.PutJsonAsync(url, new { updates = new[] { new { customer_id = id, city = new string('x', 201) } } });
        none.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var atomic = await client.PutJsonAsync($"{url}?atomic=true", new { updates = new object[] { new { customer_id = id, city = "Ilkley" }, new { customer_id = id, phone = "bad" } } });
        var body = await atomic.ReadJsonAsync();
        atomic.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body["success"]!.AsArray().ShouldBeEmpty();
        body["summary"]!.ToJsonString().ShouldBe("""{"total":2,"updated":0,"failed":2}""");
        (await GetCustomerAsync(client, tenant, id))["city"]!.GetValue<string>().ShouldBe("Otley");
    }

    [Theory]
    [InlineData("""{"updates":[{"city":"X"}]}""", "updates[0].customer_id must be a positive integer customer id")]
    [InlineData("""{"updates":[{"customer_id":"12","city":"X"}]}""", "updates[0].customer_id must be a positive integer customer id")]
    [InlineData("""{"updates":[{"customer_id":1.5,"city":"X"}]}""", "updates[0].customer_id must be a positive integer customer id")]
    [InlineData("""{"updates":[]}""", "updates array is required")]
    public async Task Bulk_update_envelope_problems_are_400(string json, string message)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PutAsync($"{tenant.CustomersUrl}/bulk-update", Http.Json(json), Ct);
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe(message);
    }
}
