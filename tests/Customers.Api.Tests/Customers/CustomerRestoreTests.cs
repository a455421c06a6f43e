namespace Customers.Api.Tests.Customers;

public sealed class CustomerRestoreSqliteTests(SqliteApp app) : CustomerRestoreTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerRestorePostgresTests(PostgresApp app) : CustomerRestoreTests(app), IClassFixture<PostgresApp>;

/// <summary>Deleted customers (§4): admins list them and restore one within 30 days, unless its username or name and phone are taken again.</summary>
public abstract class CustomerRestoreTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_lists_deleted_customers_and_restores_one_which_then_is_everywhere_again()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = tenant.AdminClient();
        var gone = Id(await admin.PostCustomerAsync(tenant, new { name = "Gone Person", phone = "07700 900401" }));
        var bulkGone = Id(await admin.PostCustomerAsync(tenant, new { name = "Bulk Gone", phone = "07700 900402" }));
        await admin.PostCustomerAsync(tenant, new { name = "Still Here", phone = "07700 900403" });
        (await admin.DeleteAsync($"{tenant.CustomersUrl}/{gone}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = new[] { bulkGone } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var deleted = await (await admin.GetUrlAsync($"{tenant.CustomersUrl}?deleted=true")).ReadJsonAsync();
        deleted["customers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Bulk Gone", "Gone Person"]);
        deleted["customers"]!.AsArray().ShouldAllBe(c => c!["deleted_at"] != null);
        deleted["pagination"]!["total"]!.GetValue<int>().ShouldBe(2);
        (await admin.ListCustomerNamesAsync(tenant, "")).ShouldBe(["Still Here"]);
        (await (await admin.GetUrlAsync($"{tenant.CustomersUrl}/{gone}")).ReadJsonAsync())["status"]!.GetValue<int>().ShouldBe(404);

        var restore = await admin.PostAsync($"{tenant.CustomersUrl}/{gone}/restore", null, Ct);
        var restored = await restore.ReadJsonAsync();
        restore.StatusCode.ShouldBe(HttpStatusCode.OK, restored.ToJsonString());
        restored["name"]!.GetValue<string>().ShouldBe("Gone Person");
        restored["deleted_at"].ShouldBeNull();
        (await admin.ListCustomerNamesAsync(tenant, "")).ShouldBe(["Gone Person", "Still Here"]);
        (await GetCustomerAsync(admin, tenant, gone))["name"]!.GetValue<string>().ShouldBe("Gone Person");
        (await (await admin.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync())["total"]!.GetValue<int>().ShouldBe(2);
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id && e.Action == "customer.restore").ToListAsync(Ct));
        audit.Single().CustomerIds.ShouldBe([gone]);

        var twice = await admin.PostAsync($"{tenant.CustomersUrl}/{gone}/restore", null, Ct);
        (await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldBe($"Customer {gone} is not deleted");
    }

    [Fact]
    public async Task Office_staff_neither_list_nor_restore_deleted_customers()
    {
        var tenant = await app.CreateTenantAsync();
        var office = tenant.OfficeClient();
        var gone = Id(await office.PostCustomerAsync(tenant, new { name = "Staff Gone", phone = "07700 900411" }));
        await office.DeleteAsync($"{tenant.CustomersUrl}/{gone}", Ct);

        (await (await office.GetUrlAsync($"{tenant.CustomersUrl}?deleted=true")).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            ["detail"]!.GetValue<string>().ShouldBe("Only an admin can list deleted customers");
        await (await office.PostAsync($"{tenant.CustomersUrl}/{gone}/restore", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await office.GetUrlAsync($"{tenant.CustomersUrl}?deleted=maybe")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await office.GetUrlAsync($"{tenant.CustomersUrl}/export?deleted=true")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_restore_after_30_days_or_onto_a_taken_username_or_a_duplicate_is_409()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = tenant.AdminClient();
        var old = Id(await admin.PostCustomerAsync(tenant, new { name = "Long Gone", phone = "07700 900421" }));
        var named = Id(await admin.PostCustomerAsync(tenant, new { name = "Named Gone", phone = "07700 900422", is_login_enabled = true, username = "named.gone" }));
        var twin = Id(await admin.PostCustomerAsync(tenant, new { name = "Twin Gone", phone = "07700 900423" }));
        foreach (var id in new[] { old, named, twin })
        {
            await admin.DeleteAsync($"{tenant.CustomersUrl}/{id}", Ct);
        }
        await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == old)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, DateTime.UtcNow.AddDays(-31)), Ct));
        await admin.PostCustomerAsync(tenant, new { name = "Taker", phone = "07700 900424", is_login_enabled = true, username = "named.gone" });
        var newTwin = Id(await admin.PostCustomerAsync(tenant, new { name = "twin gone", phone = "+447700900423" }));

        async Task<string> RefusalAsync(int id) =>
            (await (await admin.PostAsync($"{tenant.CustomersUrl}/{id}/restore", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        (await RefusalAsync(old)).ShouldBe($"Customer {old} was deleted more than 30 days ago and can no longer be restored");
        (await RefusalAsync(named)).ShouldBe($"Customer {named} cannot be restored: username 'named.gone' is taken by another customer");
        (await RefusalAsync(twin)).ShouldBe($"Customer {twin} cannot be restored: it would be a duplicate of customer {newTwin}");
        await (await admin.PostAsync($"{tenant.CustomersUrl}/999999/restore", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
