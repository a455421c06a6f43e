namespace Customers.Api.Tests.Customers.Bulk;

public sealed class BulkCreateSqliteTests(SqliteApp app) : BulkCreateTests(app), IClassFixture<SqliteApp>;

public sealed class BulkCreatePostgresTests(PostgresApp app) : BulkCreateTests(app), IClassFixture<PostgresApp>;

/// <summary>Bulk create (§5): status codes, duplicates, usernames, atomic mode, the envelope and its limits, audit.</summary>
public abstract class BulkCreateTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
        (await CountCustomersAsync(tenant)).ShouldBe(2);
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
        (await CountCustomersAsync(tenant)).ShouldBe(0);
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
        (await CountCustomersAsync(tenant)).ShouldBe(7);
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
        (await CountCustomersAsync(tenant)).ShouldBe(2);
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
        (await CountCustomersAsync(tenant)).ShouldBe(0);
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id, Ct))).ShouldBe(0);

        var passed = await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk?atomic=true", new { customers = new object[] { Person("Good", "07700900030"), Person("Also Good", "07700900031") } });
        passed.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountCustomersAsync(tenant)).ShouldBe(2);
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
        (await CountCustomersAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task Exactly_500_rows_are_accepted_in_a_handful_of_database_round_trips()
    {
        var tenant = await app.CreateTenantAsync();
        var customers = Enumerable.Range(0, 500).Select(i => Person($"Person {i}", $"07700 900{i:000}")).ToArray();

        var (response, commands) = await app.CountCommandsAsync(() => tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers }));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountCustomersAsync(tenant)).ShouldBe(500);
        if (app.Provider == "postgres")
        {
            commands.ShouldBeLessThanOrEqualTo(8);
        }
    }

    [Fact]
    public async Task Bad_flag_values_are_400()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostJsonAsync($"{tenant.CustomersUrl}/bulk?atomic=sometimes", new { customers = new[] { Person("A", "07700900001") } });
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("atomic").ShouldBe(["atomic must be true or false"]);
        (await CountCustomersAsync(tenant)).ShouldBe(0);
    }
}
