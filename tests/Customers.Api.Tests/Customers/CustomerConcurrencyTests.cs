namespace Customers.Api.Tests.Customers;

public sealed class CustomerConcurrencySqliteTests(SqliteApp app) : CustomerConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerConcurrencyPostgresTests(PostgresApp app) : CustomerConcurrencyTests(app), IClassFixture<PostgresApp>;

/// <summary>Edits of one customer at once: If-Match refuses a lost update, and no race stores a record that breaks the rules.</summary>
public abstract class CustomerConcurrencyTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Put(TestTenant tenant, int id, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{tenant.CustomersUrl}/{id}") { Content = Http.Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    [Fact]
    public async Task An_edit_of_a_version_that_changed_since_it_was_read_is_412_and_changes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Pam Version", phone = "07700 900320", city = "Leeds" }));
        var read = await client.GetUrlAsync($"{tenant.CustomersUrl}/{id}");
        var etag = read.Headers.ETag!.Tag;

        var first = await client.SendAsync(Put(tenant, id, new { city = "York" }, etag), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldNotBe(etag);
        var stale = await client.SendAsync(Put(tenant, id, new { city = "Hull" }, etag), Ct);

        (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed))["detail"]!.GetValue<string>().ShouldContain("changed after you read it");
        (await GetCustomerAsync(client, tenant, id))["city"]!.GetValue<string>().ShouldBe("York");
        (await client.SendAsync(Put(tenant, id, new { city = "Hull" }, first.Headers.ETag.Tag), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_edits_at_once_never_store_a_record_that_breaks_the_rules()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Ray Race", phone = "07700 900321" }));

        for (var round = 0; round < 10; round++)
        {
            (await client.SendAsync(Put(tenant, id, new { phone = "07700 900321", reminder_opt_in = false }), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

            // Each is valid on its own; together they would be SMS reminders to a landline.
            var optIn = client.SendAsync(Put(tenant, id, new { reminder_opt_in = true, reminder_preference = "sms" }), Ct);
            var landline = client.SendAsync(Put(tenant, id, new { phone = "0113 496 0123" }), Ct);
            var answers = await Task.WhenAll(optIn, landline);

            answers.ShouldContain(a => a.StatusCode == HttpStatusCode.OK);
            var stored = await GetCustomerAsync(client, tenant, id);
            var breaksRule = stored["reminder_opt_in"]!.GetValue<bool>() && stored["phone"]!.GetValue<string>() == "+441134960123";
            breaksRule.ShouldBeFalse($"round {round}: {stored.ToJsonString()}");
        }
    }
}
