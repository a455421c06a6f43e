namespace Customers.Api.Tests.Audit;

public sealed class AuditSqliteTests(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditPostgresTests(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;

/// <summary>The audit log (§7): every write recorded with its changed fields but never health text; read by the tenant's admins only.</summary>
public abstract class AuditTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_single_write_is_audited_with_changed_fields_but_no_health_text()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "Audited", phone = "07700900711", medical_notes = "Epilepsy" });
        var id = created["customer_id"]!.GetValue<int>();
        var url = $"{tenant.CustomersUrl}/{id}";
        await client.PutJsonAsync(url, new { city = "Leeds", medical_notes = "Epilepsy; new medication" });
        await client.PostAsync($"{url}/archive", null, Ct);
        await client.PostAsync($"{url}/unarchive", null, Ct);
        await client.DeleteAsync(url, Ct);

        var admin = tenant.AdminClient();
        var log = await (await admin.GetUrlAsync($"/api/tenants/{tenant.Id}/audit?customer_id={id}")).ReadJsonAsync();
        var events = log["events"]!.AsArray();
        events.Select(e => e!["action"]!.GetValue<string>()).ShouldBe(
            ["customer.delete", "customer.unarchive", "customer.archive", "customer.update", "customer.create"]);
        events.All(e => e!["actor"]!.GetValue<int>() == tenant.Office.Id).ShouldBeTrue();
        var update = events[3]!["details"]!["changes"]!;
        update["city"]!["old"].ShouldBeNull();
        update["city"]!["new"]!.GetValue<string>().ShouldBe("Leeds");
        update["medical_notes"]!.ToJsonString().ShouldBe("""{"changed":true}""");
        update.AsObject().Count.ShouldBe(2);
        log.ToJsonString().ShouldNotContain("Epilepsy");
        log["pagination"]!["total"]!.GetValue<int>().ShouldBe(5);

        var updatesOnly = await (await admin.GetUrlAsync($"/api/tenants/{tenant.Id}/audit?action=customer.update")).ReadJsonAsync();
        updatesOnly["events"]!.AsArray().Count.ShouldBe(1);
        var paged = await (await admin.GetUrlAsync($"/api/tenants/{tenant.Id}/audit?limit=2&page=3")).ReadJsonAsync();
        paged["events"]!.AsArray().Single()!["action"]!.GetValue<string>().ShouldBe("customer.create");
    }

    [Fact]
    public async Task Only_admins_of_the_tenant_read_the_audit_log()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await (await tenant.OfficeClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.AdminClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var platform = app.ClientFor(await app.CreatePlatformAdminAsync());
        (await platform.GetUrlAsync($"/api/tenants/{tenant.Id}/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bad = await tenant.AdminClient().GetUrlAsync($"/api/tenants/{tenant.Id}/audit?action=nonsense&customer_id=x");
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("action").ShouldNotBeEmpty();
        problem.FieldErrors("customer_id").ShouldNotBeEmpty();
    }
}
