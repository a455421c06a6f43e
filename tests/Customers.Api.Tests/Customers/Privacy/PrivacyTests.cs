namespace Customers.Api.Tests.Customers.Privacy;

public sealed class PrivacySqliteTests(SqliteAppWithChannels app) : PrivacyTests(app), IClassFixture<SqliteAppWithChannels>;

public sealed class PrivacyPostgresTests(PostgresAppWithChannels app) : PrivacyTests(app), IClassFixture<PostgresAppWithChannels>;

/// <summary>A customer's data export and erasure (§7), with a reminder sent through a real channel beforehand.</summary>
public abstract class PrivacyTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Data_export_holds_everything_and_erasure_leaves_an_anonymous_shell()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var email = $"subject-{Guid.NewGuid():N}@example.org";
        var customer = await client.PostCustomerAsync(tenant, new
        {
            name = "Data Subject", phone = "07700 900804", email, city = "Leeds", medical_notes = "Diabetic",
            reminder_opt_in = true, reminder_preference = "email", paying_org = "NHS", username = "data.subject",
        });
        var id = customer["customer_id"]!.GetValue<int>();
        var url = $"{tenant.CustomersUrl}/{id}";
        await client.PutJsonAsync(url, new { city = "Otley" });
        await client.PostJsonAsync($"{url}/reminders", new { message = "See you Monday" });

        var export = await (await client.GetUrlAsync($"{url}/data-export")).ReadJsonAsync();
        export["customer"]!["email"]!.GetValue<string>().ShouldBe(email);
        export["reminders"]!.AsArray().Single()!["recipient"]!.GetValue<string>().ShouldBe(email);
        export["audit_events"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ShouldBe(["customer.update", "customer.create"]);

        await (await client.PostAsync($"{url}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var erased = await (await tenant.AdminClient().PostAsync($"{url}/erase", null, Ct)).ReadJsonAsync();

        erased["name"]!.GetValue<string>().ShouldBe($"Erased customer {id}");
        erased["paying_org"]!.GetValue<string>().ShouldBe("NHS");
        var after = await (await client.GetUrlAsync($"{url}/data-export")).ReadJsonAsync();
        var text = after.ToJsonString();
        foreach (var personal in new[] { email, "Data Subject", "Leeds", "Otley", "Diabetic", "data.subject", "900804" })
        {
            text.ShouldNotContain(personal);
        }
        after["reminders"]!.AsArray().Single()!["recipient"].ShouldBeNull();
        // An erased customer (whose phone is now empty) is found by no search for what it was.
        (await client.ListCustomerNamesAsync(tenant, "search=Subject")).ShouldBeEmpty();
        (await client.ListCustomerNamesAsync(tenant, "search=Leeds")).ShouldBeEmpty();
        await (await tenant.AdminClient().PostAsync($"{url}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var log = await (await tenant.AdminClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit?customer_id={id}")).ReadJsonAsync();
        log["events"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ShouldContain("customer.erase");
        log.ToJsonString().ShouldNotContain("Otley");
    }

    [Fact]
    public async Task A_deleted_customers_data_is_exported_and_erased_by_an_admin_long_after_its_restore_window()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = tenant.AdminClient();
        var id = Id(await admin.PostCustomerAsync(tenant, new { name = "Long Gone", phone = "07700 900807", email = "gone@example.org", medical_notes = "Asthma" }));
        var url = $"{tenant.CustomersUrl}/{id}";
        (await admin.DeleteAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var longAgo = DateTime.UtcNow.AddDays(-90);
        await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, longAgo).SetProperty(c => c.UpdatedAt, longAgo), Ct));
        await (await admin.PostAsync($"{url}/restore", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Office staff do not see deleted customers; an admin answers the subject access request.
        await (await tenant.OfficeClient().GetUrlAsync($"{url}/data-export")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var export = await (await admin.GetUrlAsync($"{url}/data-export")).ReadJsonAsync();
        export["customer"]!["medical_notes"]!.GetValue<string>().ShouldBe("Asthma");
        export["customer"]!["deleted_at"].ShouldNotBeNull();

        await (await tenant.OfficeClient().PostAsync($"{url}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var erased = await (await admin.PostAsync($"{url}/erase", null, Ct)).ReadJsonAsync();
        erased["name"]!.GetValue<string>().ShouldBe($"Erased customer {id}");
        var after = await (await admin.GetUrlAsync($"{url}/data-export")).ReadJsonAsync();
        foreach (var personal in new[] { "Long Gone", "gone@example.org", "Asthma", "900807" })
        {
            after.ToJsonString().ShouldNotContain(personal);
        }
        // Still deleted: erasure does not bring it back to the list.
        (await admin.ListCustomerNamesAsync(tenant, "")).ShouldBeEmpty();
        (await admin.GetUrlAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Privacy_routes_refuse_other_tenants()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var customer = await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Private", phone = "07700 900805" });
        var url = $"{tenant.CustomersUrl}/{customer["customer_id"]}";
        var intruder = other.AdminClient();

        await (await intruder.GetUrlAsync($"{url}/data-export")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostAsync($"{url}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var ownUrl = $"{other.CustomersUrl}/{customer["customer_id"]}";
        await (await intruder.GetUrlAsync($"{ownUrl}/data-export")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PostAsync($"{ownUrl}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await tenant.OfficeClient().GetUrlAsync($"{url}/data-export")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Erasure_also_forgets_stored_answers_for_retries_and_failed_import_rows_naming_the_customer()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var body = new { name = "Olive Forgotten", phone = "07700 900806", email = "olive@example.org" };
        var create = new HttpRequestMessage(HttpMethod.Post, tenant.CustomersUrl) { Content = Http.Json(body) };
        create.Headers.Add("Idempotency-Key", "create-olive");
        var created = await client.SendAsync(create, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = Id(await created.ReadJsonAsync());
        await StartImportAsync(client, tenant, System.Text.Encoding.UTF8.GetBytes("Name,Phone\r\nOlive Forgotten,not a phone\r\nSomeone Else,also not\r\n"));
        await app.RunImportsAsync();

        (await (await tenant.AdminClient().PostAsync($"{tenant.CustomersUrl}/{id}/erase", null, Ct)).ReadJsonAsync())["name"]!
            .GetValue<string>().ShouldBe($"Erased customer {id}");

        // The retry is not run again (it would re-create the erased person) and does not replay the old answer.
        var retry = new HttpRequestMessage(HttpMethod.Post, tenant.CustomersUrl) { Content = Http.Json(body) };
        retry.Headers.Add("Idempotency-Key", "create-olive");
        var replayed = await client.SendAsync(retry, Ct);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await replayed.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Olive");
        (await CountCustomersAsync(tenant)).ShouldBe(1);
        var cells = await app.WithDbAsync(db => db.ImportRowErrors.Where(e => e.TenantId == tenant.Id).Select(e => e.Cells).ToListAsync(Ct));
        cells.ShouldHaveSingleItem().ShouldContain("Someone Else");
    }
}
