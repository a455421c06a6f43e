using System.Text;

namespace Customers.Api.Tests.Errors;

public sealed class HostileBodySqliteTests(SqliteApp app) : HostileBodyTests(app), IClassFixture<SqliteApp>;

public sealed class HostileBodyPostgresTests(PostgresApp app) : HostileBodyTests(app), IClassFixture<PostgresApp>;

/// <summary>Bodies a careless or hostile client sends get a short 4xx with a message: never a 500, never an answer larger than the question.</summary>
public abstract class HostileBodyTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A create body with a name, a phone and <paramref name="unknown"/> fields nobody knows.</summary>
    private static string ManyUnknownFields(int unknown)
    {
        var json = new StringBuilder("{\"name\":\"Many Fields\",\"phone\":\"07700 900311\"");
        for (var i = 0; i < unknown; i++)
        {
            json.Append(System.Globalization.CultureInfo.InvariantCulture, $",\"f{i}\":1");
        }
        return json.Append('}').ToString();
    }

    [Fact]
    public async Task A_body_of_200000_unknown_fields_gets_a_problem_of_a_few_kilobytes_that_counts_the_rest()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var body = ManyUnknownFields(200_000);

        foreach (var (method, url, json) in new[]
        {
            (HttpMethod.Post, tenant.CustomersUrl, body),
            (HttpMethod.Put, $"{tenant.CustomersUrl}/{Id(await client.PostCustomerAsync(tenant, new { name = "Target", phone = "07700 900312" }))}", body),
        })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = Http.Json(json) }, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            text.Length.ShouldBeLessThan(16 * 1024, $"{method} {url}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!.AsObject().Count.ShouldBe(CustomerRules.MaxFieldErrors + 1);
            problem.FieldErrors("body").ShouldBe(["199900 more unknown field(s) are not listed; only the first 100 problems are"]);
        }

        var bulk = await client.PostAsync($"{tenant.CustomersUrl}/bulk", Http.Json($"{{\"customers\":[{body}]}}"), Ct);
        (await bulk.Content.ReadAsStringAsync(Ct)).Length.ShouldBeLessThan(4 * 1024);
        bulk.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Strings_that_are_not_text_are_refused_by_every_customer_write_route()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Surrogate Target", phone = "07700 900313" }));
        const string BadName = "\"Bob\\ud800\"";

        var create = await client.PostAsync(tenant.CustomersUrl, Http.Json($"{{\"name\":{BadName},\"phone\":\"07700 900314\"}}"), Ct);
        (await create.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("name").ShouldBe([$"$.name {JsonStrings.Problem}"]);
        var update = await client.PutAsync($"{tenant.CustomersUrl}/{id}", Http.Json($"{{\"city\":\"Leeds\",\"schedule\":{{\"monday\":{{\"pickup_time\":\"09:00\",\"destination\":{BadName}}}}}}}"), Ct);
        (await update.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("schedule").ShouldBe([$"$.schedule.monday.destination {JsonStrings.Problem}"]);
        var unknownName = await client.PostAsync(tenant.CustomersUrl, Http.Json("{\"\\udc00\":1,\"name\":\"Odd Key\",\"phone\":\"07700 900315\"}"), Ct);
        await unknownName.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var bulk = await (await client.PostAsync($"{tenant.CustomersUrl}/bulk",
            Http.Json($"{{\"customers\":[{{\"name\":{BadName},\"phone\":\"07700 900316\"}},{{\"name\":\"Good Row\",\"phone\":\"07700 900317\"}}]}}"), Ct)).ReadJsonAsync();
        bulk["summary"]!["created"]!.GetValue<int>().ShouldBe(1);
        bulk["errors"]!.AsArray().Single()!["error"]!.GetValue<string>().ShouldContain("not valid text");
        var bulkUpdate = await (await client.PutAsync($"{tenant.CustomersUrl}/bulk-update",
            Http.Json($"{{\"updates\":[{{\"customer_id\":{id},\"name\":{BadName}}}]}}"), Ct)).ReadJsonAsync();
        bulkUpdate["errors"]!.AsArray().Single()!["error"]!.GetValue<string>().ShouldContain("not valid text");
        (await GetCustomerAsync(client, tenant, id))["name"]!.GetValue<string>().ShouldBe("Surrogate Target");
    }

    [Fact]
    public async Task Hidden_markup_invisible_characters_and_names_without_letters_are_cleaned_or_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        var smuggled = await client.PostCustomerAsync(tenant, new { name = "<<script>script>Eve<</script>/script>\u202E", phone = "07700 900318" });
        smuggled["name"]!.GetValue<string>().ShouldBe("Eve");
        var nothing = await client.PostAsync(tenant.CustomersUrl, Http.Json(new { name = "...", phone = "07700 900319" }), Ct);
        (await nothing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("name").ShouldBe(["Name must contain a letter or a digit"]);
        var invisible = await client.PostAsync(tenant.CustomersUrl, Http.Json(new { name = "\u200B\u200B", phone = "07700 900319" }), Ct);
        (await invisible.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("name").ShouldBe(["Name is required"]);
        var email = await client.PostAsync(tenant.CustomersUrl, Http.Json(new { name = "Mail Markup", phone = "07700 900319", email = "a<b>c@x.com" }), Ct);
        (await email.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("email").ShouldBe(["Email is not a valid email address"]);
    }

    [Fact]
    public async Task A_bulk_envelope_naming_its_list_twice_is_400_and_a_platform_admins_unknown_tenant_is_404()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Twice Named", phone = "07700 900322" }));

        var twice = await client.PostAsync($"{tenant.CustomersUrl}/bulk-archive", Http.Json($"{{\"customer_ids\":[{id}],\"customer_ids\":[{id + 1}]}}"), Ct);
        (await twice.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe("Field 'customer_ids' is given more than once");
        (await GetCustomerAsync(client, tenant, id))["archived"]!.GetValue<bool>().ShouldBeFalse();

        var platform = app.ClientFor(await app.CreatePlatformAdminAsync());
        foreach (var action in new[] { "bulk-archive", "bulk-unarchive", "bulk-delete" })
        {
            var unknown = await platform.PostJsonAsync($"/api/tenants/999999/customers/{action}", new { customer_ids = new[] { 1 } });
            (await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>().ShouldBe("Tenant 999999 not found");
        }
    }

    [Fact]
    public async Task API_answers_are_never_cached_and_nothing_is_content_sniffed()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().GetUrlAsync(tenant.CustomersUrl);

        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await app.CreateClient().GetUrlAsync("/health/live")).Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }
}
