namespace Customers.Api.Tests;

public sealed class BulkSqliteTests(SqliteApp app) : BulkTests(app), IClassFixture<SqliteApp>;

public sealed class BulkPostgresTests(PostgresApp app) : BulkTests(app), IClassFixture<PostgresApp>;

/// <summary>Bulk operations (§5): shapes, status codes, duplicates, atomic mode, limits, audit.</summary>
public abstract class BulkTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Person(string name, string phone, object? extra = null)
    {
        var fields = new Dictionary<string, object?> { ["name"] = name, ["phone"] = phone };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                fields[property.Name] = property.GetValue(extra);
            }
        }
        return fields;
    }

    [Fact]
    public async Task Bulk_create_of_valid_rows_is_201_with_every_row_and_one_audit_event()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk", new
        {
            customers = new[] { Person("John Smith", "07700 900001"), Person("Jane Doe", "07700 900002", new { postcode = "ls61aa" }) },
        });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        var success = body["success"]!.AsArray();
        success.Select(s => s!["row"]!.GetValue<int>()).ShouldBe([1, 2]);
        success[0]!["name"]!.GetValue<string>().ShouldBe("John Smith");
        var ids = success.Select(s => s!["customerId"]!.GetValue<int>()).ToArray();
        body["errors"]!.AsArray().ShouldBeEmpty();
        body["summary"]!.ToJsonString().ShouldBe("""{"total":2,"created":2,"failed":0}""");

        var stored = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Id).ToListAsync(Ct));
        stored.Select(c => c.Id).ShouldBe(ids);
        stored[1].Postcode.ShouldBe("LS6 1AA");
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id).ToListAsync(Ct));
        var single = audit.ShouldHaveSingleItem();
        single.Action.ShouldBe("customers.bulk_create");
        single.ActorUserId.ShouldBe(tenant.Office.Id);
        single.CustomerIds.ShouldBe(ids);
    }

    [Fact]
    public async Task Bulk_create_with_some_bad_rows_is_207_and_keeps_the_good_ones()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk", new
        {
            customers = new object[]
            {
                Person("John Smith", "07700 900001"),
                new { name = "Invalid Customer" },
                Person("Bad Postcode", "07700 900003", new { postcode = "nowhere" }),
                Person("Jane Doe", "07700 900004"),
            },
        });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.MultiStatus, body.ToJsonString());
        body["success"]!.AsArray().Select(s => s!["row"]!.GetValue<int>()).ShouldBe([1, 4]);
        body["errors"]!.ToJsonString().ShouldBe(
            """[{"row":2,"name":"Invalid Customer","error":"Phone number is required","field":"phone"},{"row":3,"name":"Bad Postcode","error":"Postcode is not a valid UK postcode","field":"postcode"}]""");
        body["summary"]!.ToJsonString().ShouldBe("""{"total":4,"created":2,"failed":2}""");
        (await CountAsync(tenant)).ShouldBe(2);
    }

    [Fact]
    public async Task Bulk_create_with_no_good_row_is_422()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers = new object[] { new { name = "A" }, 5 } });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        body["errors"]![1]!["error"]!.GetValue<string>().ShouldBe("Request body must be a JSON object of customer fields");
        body["summary"]!.ToJsonString().ShouldBe("""{"total":2,"created":0,"failed":2}""");
        (await CountAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task Duplicates_of_stored_customers_and_earlier_rows_fail_unless_allowed()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var existing = await client.PostCustomerAsync(tenant, new { name = "Mary  Jones", phone = "07700900010" });
        var request = new
        {
            customers = new[]
            {
                Person("mary jones", "+447700900010"),
                Person("Peter Pan", "07700 900011"),
                Person("PETER PAN", "07700900011"),
                Person("Peter Pan", "07700 900012"),
            },
        };

        var body = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", request)).ReadJsonAsync();
        body["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["error"]!.GetValue<string>())).ShouldBe(
            [(1, $"Duplicate of customer {existing["customer_id"]}"), (3, "Duplicate of row 2")]);
        body["summary"]!["created"]!.GetValue<int>().ShouldBe(2);

        var allowed = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk?allow_duplicates=true", request);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync(tenant)).ShouldBe(7);
    }

    [Fact]
    public async Task Customers_of_other_tenants_and_deleted_customers_are_not_duplicates()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await other.OfficeClient().PostCustomerAsync(other, new { name = "Nina Shaw", phone = "07700900020" });
        var client = tenant.OfficeClient();
        var deleted = Id(await client.PostCustomerAsync(tenant, new { name = "Omar Ali", phone = "07700900021" }));
        (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-delete", new { customer_ids = new[] { deleted } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk",
            new { customers = new[] { Person("Nina Shaw", "07700900020"), Person("Omar Ali", "07700900021") } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync(tenant)).ShouldBe(2);
    }

    [Fact]
    public async Task Taken_usernames_fail_their_rows()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new { name = "Holder", phone = "07700900020", username = "taken" });

        var body = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new
        {
            customers = new[]
            {
                Person("A", "07700900021", new { username = "Taken" }),
                Person("B", "07700900022", new { username = "fresh" }),
                Person("C", "07700900023", new { username = "fresh" }),
            },
        })).ReadJsonAsync();

        body["errors"]!.ToJsonString().ShouldBe(
            """[{"row":1,"name":"A","error":"Username \u0027taken\u0027 is already taken","field":"username"},{"row":3,"name":"C","error":"Username \u0027fresh\u0027 is already used by row 2","field":"username"}]""");
        body["summary"]!["created"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Atomic_bulk_create_writes_nothing_unless_every_row_is_valid()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        var failed = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk?atomic=true", new { customers = new object[] { Person("Good", "07700900030"), new { name = "Bad" } } });
        var body = await failed.ReadJsonAsync();
        failed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body["success"]!.AsArray().ShouldBeEmpty();
        body["errors"]!.AsArray().Single()!["row"]!.GetValue<int>().ShouldBe(2);
        body["summary"]!.ToJsonString().ShouldBe("""{"total":2,"created":0,"failed":2}""");
        (await CountAsync(tenant)).ShouldBe(0);
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id, Ct))).ShouldBe(0);

        var passed = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk?atomic=true", new { customers = new object[] { Person("Good", "07700900030"), Person("Also Good", "07700900031") } });
        passed.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync(tenant)).ShouldBe(2);
    }

    [Theory]
    [InlineData("{}", "customers array is required")]
    [InlineData("""{"customers":[]}""", "customers array is required")]
    [InlineData("""{"customers":{"name":"A"}}""", "customers array is required")]
    [InlineData("[]", "customers array is required")]
    [InlineData("""{"customers":[{"name":"A","phone":"07700900001"}],"extra":1}""", "Unknown field 'extra': the body is { \"customers\": [ … ] }")]
    public async Task Bulk_create_envelope_problems_are_400_with_the_seed_message(string json, string message)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/bulk", Http.Json(json), Ct);
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["error"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task More_than_500_items_is_400_naming_the_limit()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var customers = Enumerable.Range(0, 501).Select(i => Person($"P{i}", "07700900001")).ToArray();

        var create = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers });
        (await create.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>()
            .ShouldBe("customers array may hold at most 500 items (got 501)");
        var archive = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = Enumerable.Range(1, 501) });
        (await archive.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("at most 500");
        var update = await client.PutJsonAsync($"{tenant.CustomersUrl}/bulk-update", new { updates = Enumerable.Range(1, 501).Select(i => new { customer_id = i, city = "X" }) });
        (await update.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("at most 500");
        (await CountAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task Exactly_500_rows_are_accepted_in_a_handful_of_database_round_trips()
    {
        var tenant = await app.CreateTenantAsync();
        var customers = Enumerable.Range(0, 500).Select(i => Person($"Person {i}", $"07700 900{i:000}")).ToArray();

        var (response, commands) = await app.CountCommandsAsync(() => tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers }));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync(tenant)).ShouldBe(500);
        if (app.Provider == "postgres")
        {
            commands.ShouldBeLessThanOrEqualTo(8);
        }
    }

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

        var storedA = await GetAsync(client, tenant, aId);
        storedA["phone"]!.GetValue<string>().ShouldBe("+447700900051");
        storedA["email"].ShouldBeNull();
        storedA["city"]!.GetValue<string>().ShouldBe("Leeds");
        var storedB = await GetAsync(client, tenant, bId);
        storedB["postcode"].ShouldBeNull();
        storedB["paying_org"]!.GetValue<string>().ShouldBe("Private");
        storedB["archived"]!.GetValue<bool>().ShouldBeFalse();
        (await GetAsync(other.OfficeClient(), other, foreignId))["name"]!.GetValue<string>().ShouldBe("Foreign");
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
        (await GetAsync(client, tenant, id))["city"]!.GetValue<string>().ShouldBe("Otley");
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
        var stored = await GetAsync(client, tenant, a);
        stored["archived"]!.GetValue<bool>().ShouldBeTrue();
        stored["archived_by"]!.GetValue<int>().ShouldBe(tenant.Office.Id);
        stored["archived_at"].ShouldNotBeNull();
        (await GetAsync(other.OfficeClient(), other, foreign))["archived"]!.GetValue<bool>().ShouldBeFalse();
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
        var stored = await GetAsync(client, tenant, a);
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
        var stored = await GetAsync(client, tenant, id);
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
    public async Task Bad_flag_values_are_400()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk?atomic=sometimes", new { customers = new[] { Person("A", "07700900001") } });
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("atomic").ShouldBe(["atomic must be true or false"]);
        (await CountAsync(tenant)).ShouldBe(0);
    }

    private static int Id(JsonNode customer) => customer["customer_id"]!.GetValue<int>();

    private static async Task<JsonNode> GetAsync(HttpClient client, TestTenant tenant, int id)
    {
        var response = await client.GetUrlAsync($"{tenant.CustomersUrl}/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private Task<int> CountAsync(TestTenant tenant) =>
        app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct));

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
        var postgres = app.Provider == "postgres";
        var trigger = $"refuse_audit_{tenant.Id}";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(postgres
            ? $"""
              CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused in a test'; END $$;
              CREATE TRIGGER {trigger} BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.tenant_id = {tenant.Id}) EXECUTE FUNCTION {trigger}();
              """
            : $"""
              CREATE TRIGGER {trigger} BEFORE INSERT ON audit_events WHEN NEW.tenant_id = {tenant.Id}
              BEGIN SELECT RAISE(ABORT, 'refused in a test'); END;
              """, Ct));
        try
        {
            var failed = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk-archive", new { customer_ids = ids });
            failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(postgres
                ? $"DROP TRIGGER {trigger} ON audit_events; DROP FUNCTION {trigger}();"
                : $"DROP TRIGGER {trigger};", Ct));
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
