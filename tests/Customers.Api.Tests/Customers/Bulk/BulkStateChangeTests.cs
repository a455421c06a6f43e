namespace Customers.Api.Tests.Customers.Bulk;

public sealed class BulkStateChangeSqliteTests(SqliteApp app) : BulkStateChangeTests(app), IClassFixture<SqliteApp>;

public sealed class BulkStateChangePostgresTests(PostgresApp app) : BulkStateChangeTests(app), IClassFixture<PostgresApp>;

/// <summary>Bulk archive, unarchive and delete (§5): the tenant's customers only, reasons for skipped ids, nothing kept when one fails half-way.</summary>
public abstract class BulkStateChangeTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bulk_archive_touches_only_the_tenants_active_customers_and_says_why_it_skipped()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var a = Id(await client.PostCustomerAsync(tenant, new { name = "Alice", phone = "07700900071" }));
        var b = Id(await client.PostCustomerAsync(tenant, new { name = "Bob", phone = "07700900072" }));
        var archivedAlready = Id(await client.PostCustomerAsync(tenant, new { name = "Carol", phone = "07700900073" }));
        await client.PostAsync($"{tenant.CustomersUrl}/{archivedAlready}/archive", null, Ct);
        var foreign = Id(await other.OfficeClient().PostCustomerAsync(other, new { name = "Foreign", phone = "07700900074" }));

        var response = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = new[] { a, b, a, archivedAlready, foreign } });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe(
            $$"""{"message":"2 customer(s) archived successfully","archived":2,"requested":4,"customers":[{"id":{{a}},"name":"Alice"},{"id":{{b}},"name":"Bob"}],"skipped":[{"id":{{archivedAlready}},"reason":"already_archived"},{"id":{{foreign}},"reason":"not_found"}]}""");
        var stored = await GetCustomerAsync(client, tenant, a);
        stored["archived"]!.GetValue<bool>().ShouldBeTrue();
        stored["archived_by"]!.GetValue<int>().ShouldBe(tenant.Office.Id);
        stored["archived_at"].ShouldNotBeNull();
        (await GetCustomerAsync(other.OfficeClient(), other, foreign))["archived"]!.GetValue<bool>().ShouldBeFalse();
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.TenantId == tenant.Id && e.Action == "customers.bulk_archive", Ct));
        audit.CustomerIds.Order().ShouldBe(new[] { a, b }.Order());
    }

    [Fact]
    public async Task Bulk_unarchive_clears_the_archive_state()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var a = Id(await client.PostCustomerAsync(tenant, new { name = "Alice", phone = "07700900081" }));
        var b = Id(await client.PostCustomerAsync(tenant, new { name = "Bob", phone = "07700900082" }));
        await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = new[] { a } });

        var body = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-unarchive", new { customer_ids = new[] { a, b } })).ReadJsonAsync();

        body.ToJsonString().ShouldBe(
            $$"""{"message":"1 customer(s) unarchived successfully","unarchived":1,"requested":2,"customers":[{"id":{{a}},"name":"Alice"}],"skipped":[{"id":{{b}},"reason":"not_archived"}]}""");
        var stored = await GetCustomerAsync(client, tenant, a);
        stored["archived"]!.GetValue<bool>().ShouldBeFalse();
        stored["archived_by"].ShouldBeNull();
        stored["archived_at"].ShouldBeNull();
    }

    [Fact]
    public async Task Bulk_delete_hides_customers_and_a_second_delete_skips_them()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var a = Id(await client.PostCustomerAsync(tenant, new { name = "Alice", phone = "07700900091" }));
        var b = Id(await client.PostCustomerAsync(tenant, new { name = "Bob", phone = "07700900092" }));

        var first = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = new[] { a, b } })).ReadJsonAsync();
        first["message"]!.GetValue<string>().ShouldBe("2 customer(s) deleted successfully");
        first["deleted"]!.GetValue<int>().ShouldBe(2);

        var second = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = new[] { a } })).ReadJsonAsync();
        second.ToJsonString().ShouldBe($$"""{"message":"0 customer(s) deleted successfully","deleted":0,"requested":1,"customers":[],"skipped":[{"id":{{a}},"reason":"not_found"}]}""");
        (await client.GetUrlAsync($"{tenant.CustomersUrl}/{a}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_archive_without_a_known_user_records_no_archived_by()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Nobody's Archive", phone = "07700900096" }));

        var outcome = await app.WithDbAsync(db => global::Customers.Api.Customers.Bulk.BulkStateChange.RunAsync(
            db, app.Services.GetRequiredService<ICustomerStateChanger>(), TimeProvider.System, tenant.Id, userId: null, CustomerStateChangeKind.Archive, [id], Ct));

        outcome.Changed.Select(c => c.Id).ShouldBe([id]);
        var stored = await GetCustomerAsync(client, tenant, id);
        stored["archived"]!.GetValue<bool>().ShouldBeTrue();
        stored["archived_by"].ShouldBeNull();
    }

    [Fact]
    public async Task Bulk_delete_frees_usernames_and_keeps_the_record()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var a = Id(await client.PostCustomerAsync(tenant, new { name = "Alice", phone = "07700900093", is_login_enabled = true, username = "alice.a" }));
        var b = Id(await client.PostCustomerAsync(tenant, new { name = "Bob", phone = "07700900094" }));

        var deleted = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = new[] { a, b } })).ReadJsonAsync();
        deleted["deleted"]!.GetValue<int>().ShouldBe(2);

        var check = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username?username=alice.a")).ReadJsonAsync();
        check["available"]!.GetValue<bool>().ShouldBeTrue();
        var again = await client.PostCustomerAsync(tenant, new { name = "Alice Again", phone = "07700900095", is_login_enabled = true, username = "alice.a" });
        again["username"]!.GetValue<string>().ShouldBe("alice.a");
        // The deleted record keeps its data for trip history, the name included.
        var kept = await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == a || c.Id == b).OrderBy(c => c.Id).Select(c => new { c.IsActive, c.Username }).ToListAsync(Ct));
        kept.ShouldBe([new { IsActive = false, Username = (string?)"alice.a" }, new { IsActive = false, Username = (string?)null }]);
    }

    [Theory]
    [InlineData("""{"customer_ids":["12"]}""", "customer_ids[0] must be a positive integer customer id (got \"12\")")]
    [InlineData("""{"customer_ids":[1,0]}""", "customer_ids[1] must be a positive integer customer id (got 0)")]
    [InlineData("""{"customer_ids":[-4]}""", "customer_ids[0] must be a positive integer customer id (got -4)")]
    [InlineData("""{"customer_ids":[1.5]}""", "customer_ids[0] must be a positive integer customer id (got 1.5)")]
    [InlineData("""{"customer_ids":[]}""", "customer_ids array is required")]
    [InlineData("""{"ids":[1]}""", "Unknown field 'ids': the body is { \"customer_ids\": [ … ] }")]
    public async Task Id_lists_must_hold_positive_integers(string json, string message)
    {
        var tenant = await app.CreateTenantAsync();
        foreach (var route in new[] { "bulk-archive", "bulk-unarchive", "bulk-delete" })
        {
            var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/{route}", Http.Json(json), Ct);
            (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe(message);
        }
    }

    [Fact]
    public async Task A_bulk_archive_that_fails_after_its_update_keeps_nothing_and_the_next_one_works()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new
        {
            customers = new[] { Person("Half Way", "07700 900041"), Person("Part Way", "07700 900042") },
        })).ReadJsonAsync();
        var ids = created.CreatedCustomerIds();

        // The audit event is written after the UPDATE, with the counters (and on PostgreSQL the
        // COMMIT): refusing it for this tenant fails the request half-way.
        await using (await app.RefuseAsync("INSERT", "audit_events", tenant.Id))
        {
            var failed = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = ids });
            failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id && c.Archived, Ct))).ShouldBe(0);
        var stats = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync();
        stats["archived"]!.GetValue<int>().ShouldBe(0);
        stats["active"]!.GetValue<int>().ShouldBe(2);

        // Every pooled connection is usable again: no transaction was left open on any of them.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var archive = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = ids });
            archive.StatusCode.ShouldBe(HttpStatusCode.OK);
            var unarchive = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-unarchive", new { customer_ids = ids });
            unarchive.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await (await client.GetUrlAsync($"{tenant.CustomersUrl}/stats")).ReadJsonAsync())["active"]!.GetValue<int>().ShouldBe(2);
    }
}
