namespace Customers.Api.Tests.Customers;

public sealed class CustomersApiSqliteTests(SqliteApp app) : CustomersApiTests(app), IClassFixture<SqliteApp>;

public sealed class CustomersApiPostgresTests(PostgresApp app) : CustomersApiTests(app), IClassFixture<PostgresApp>;

/// <summary>The single-customer contract (§3, §4), run on each database.</summary>
public abstract class CustomersApiTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_cleans_and_normalises_fields_and_returns_201_with_location()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        var response = await client.PostAsync(tenant.CustomersUrl, Http.Json(new Dictionary<string, object?>
        {
            ["name"] = "  <b>Smith</b> & Sons  ",
            ["address"] = "1 Mill Lane",
            ["address_line_2"] = "Flat 2",
            ["postcode"] = "sw1a1aa",
            ["phone"] = "0113 496 0123",
            ["email"] = "  jo@example.org ",
            ["paying_org"] = "NHS",
            ["has_split_payment"] = true,
            ["provider_split"] = 60.5,
            ["payment_split"] = 39.5,
            ["schedule"] = new { monday = new { pickup_time = "09:30", return_time = "15:00", destination = "Day Centre" } },
            ["driver_notes"] = "Ring twice\r\nthen wait",
            ["reminder_opt_in"] = true,
            ["reminder_preference"] = "email",
            ["is_login_enabled"] = true,
            ["username"] = "Jo.Smith",
        }), Ct);

        var body = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        var id = body["customer_id"]!.GetValue<int>();
        response.Headers.Location!.ToString().ShouldBe($"{tenant.CustomersUrl}/{id}");
        body["tenant_id"]!.GetValue<int>().ShouldBe(tenant.Id);
        body["name"]!.GetValue<string>().ShouldBe("Smith & Sons");
        body["address_line_2"]!.GetValue<string>().ShouldBe("Flat 2");
        body["postcode"]!.GetValue<string>().ShouldBe("SW1A 1AA");
        body["phone"]!.GetValue<string>().ShouldBe("+441134960123");
        body["email"]!.GetValue<string>().ShouldBe("jo@example.org");
        body["provider_split"]!.GetValue<decimal>().ShouldBe(60.5m);
        body["schedule"]!["monday"]!["return_time"]!.GetValue<string>().ShouldBe("15:00");
        body["driver_notes"]!.GetValue<string>().ShouldBe("Ring twice\nthen wait");
        body["username"]!.GetValue<string>().ShouldBe("jo.smith");
        body["archived"]!.GetValue<bool>().ShouldBeFalse();
        body["created_at"]!.GetValue<string>().ShouldEndWith("Z");

        var fetched = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/{id}")).ReadJsonAsync();
        fetched.ToJsonString().ShouldBe(body.ToJsonString());
    }

    [Fact]
    public async Task Create_applies_defaults_for_absent_optional_fields()
    {
        var tenant = await app.CreateTenantAsync();
        var body = await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Ada Lovelace", phone = "07700 900123" });

        body["has_split_payment"]!.GetValue<bool>().ShouldBeFalse();
        body["provider_split"].ShouldBeNull();
        body["reminder_opt_in"]!.GetValue<bool>().ShouldBeFalse();
        body["reminder_preference"]!.GetValue<string>().ShouldBe("sms");
        body["is_login_enabled"]!.GetValue<bool>().ShouldBeFalse();
        body["schedule"].ShouldBeNull();
    }

    [Fact]
    public async Task Create_with_invalid_fields_returns_problem_naming_every_field()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostJsonAsync(tenant.CustomersUrl, new Dictionary<string, object?>
        {
            ["name"] = new string('x', 201),
            ["postcode"] = "NOT A POSTCODE",
            ["email"] = "not-an-email",
            ["has_split_payment"] = "yes",
            ["schedule"] = new { monday = new { pickup_time = "25:00" }, funday = new { pickup_time = "09:00" } },
            ["archived"] = true,
            ["favourite_colour"] = "blue",
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("name").ShouldBe(["Name must be at most 200 characters"]);
        problem.FieldErrors("phone").ShouldBe(["Phone number is required"]);
        problem.FieldErrors("postcode").ShouldBe(["Postcode is not a valid UK postcode"]);
        problem.FieldErrors("email").ShouldBe(["Email is not a valid email address"]);
        problem.FieldErrors("has_split_payment").ShouldBe(["has_split_payment must be true or false"]);
        problem.FieldErrors("schedule.monday.pickup_time").ShouldBe(["Time must be HH:MM (24-hour, e.g. 09:30)"]);
        problem.FieldErrors("schedule.funday").Single().ShouldStartWith("Unknown weekday 'funday'");
        problem.FieldErrors("archived").ShouldBe(["Field 'archived' is read-only"]);
        problem.FieldErrors("favourite_colour").ShouldBe(["Unknown field 'favourite_colour'"]);
        problem["detail"]!.GetValue<string>().ShouldContain("Phone number is required");
        await AssertTenantHasNoCustomersAsync(tenant);
    }

    [Fact]
    public async Task Create_checks_rules_that_span_fields()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        var splits = await client.PostJsonAsync(tenant.CustomersUrl, new { name = "A", phone = "07700900001", has_split_payment = true, provider_split = 50, payment_split = 40 });
        (await splits.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("payment_split")
            .ShouldBe(["provider_split and payment_split must add up to 100"]);

        var splitWithoutFlag = await client.PostJsonAsync(tenant.CustomersUrl, new { name = "A", phone = "07700900001", provider_split = 50 });
        (await splitWithoutFlag.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("has_split_payment").ShouldNotBeEmpty();

        var emailReminder = await client.PostJsonAsync(tenant.CustomersUrl, new { name = "A", phone = "07700900001", reminder_opt_in = true, reminder_preference = "both" });
        (await emailReminder.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("email")
            .ShouldBe(["An email address is required for 'both' reminders"]);

        var smsToLandline = await client.PostJsonAsync(tenant.CustomersUrl, new { name = "A", phone = "0113 496 0000", reminder_opt_in = true });
        (await smsToLandline.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("phone")
            .ShouldBe(["A mobile phone number is required for 'sms' reminders"]);

        var loginWithoutUsername = await client.PostJsonAsync(tenant.CustomersUrl, new { name = "A", phone = "07700900001", is_login_enabled = true });
        (await loginWithoutUsername.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("username")
            .ShouldBe(["A username is required when is_login_enabled is true"]);

        await AssertTenantHasNoCustomersAsync(tenant);
    }

    [Fact]
    public async Task Create_with_a_taken_username_is_409_but_another_tenant_may_use_it()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "A", phone = "07700900001", username = "shared.name" });

        var again = await tenant.OfficeClient().PostJsonAsync(tenant.CustomersUrl, new { name = "B", phone = "07700900002", username = "SHARED.NAME" });
        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.FieldErrors("username").ShouldNotBeEmpty();

        await other.OfficeClient().PostCustomerAsync(other, new { name = "B", phone = "07700900002", username = "shared.name" });
    }

    [Fact]
    public async Task Update_changes_only_the_fields_sent_and_null_clears_optional_fields()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new
        {
            name = "Mary Jones", phone = "07700900010", email = "mary@example.org", city = "Leeds",
            medical_notes = "Asthma", schedule = new { friday = new { pickup_time = "08:00" } },
        });
        var url = $"{tenant.CustomersUrl}/{created["customer_id"]}";

        var response = await client.PutJsonAsync(url, new Dictionary<string, object?> { ["city"] = "Otley", ["email"] = null, ["schedule"] = null });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["city"]!.GetValue<string>().ShouldBe("Otley");
        body["email"].ShouldBeNull();
        body["schedule"].ShouldBeNull();
        body["name"]!.GetValue<string>().ShouldBe("Mary Jones");
        body["medical_notes"]!.GetValue<string>().ShouldBe("Asthma");
        body["phone"]!.GetValue<string>().ShouldBe("+447700900010");
        DateTime.Parse(body["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(DateTime.Parse(created["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Update_rejects_clearing_required_fields_and_bad_values_without_saving()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "Mary Jones", phone = "07700900010" });
        var url = $"{tenant.CustomersUrl}/{created["customer_id"]}";

        var problem = await (await client.PutJsonAsync(url, new Dictionary<string, object?> { ["name"] = null, ["city"] = "Otley", ["customer_id"] = 5 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("name").ShouldBe(["Name is required"]);
        problem.FieldErrors("customer_id").ShouldBe(["Field 'customer_id' is read-only"]);

        var empty = await (await client.PutJsonAsync(url, new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        empty.FieldErrors("body").ShouldBe(["No fields to update: send at least one customer field"]);

        var after = await (await client.GetUrlAsync(url)).ReadJsonAsync();
        after["city"].ShouldBeNull();
        after["updated_at"]!.GetValue<string>().ShouldBe(created["updated_at"]!.GetValue<string>());
        after["name"]!.GetValue<string>().ShouldBe("Mary Jones");
    }

    [Fact]
    public async Task Update_validates_the_merged_record()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "A", phone = "07700900010", has_split_payment = true, provider_split = 70, payment_split = 30 });
        var url = $"{tenant.CustomersUrl}/{created["customer_id"]}";

        var bad = await client.PutJsonAsync(url, new { provider_split = 80 });
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("payment_split")
            .ShouldBe(["provider_split and payment_split must add up to 100"]);

        var off = await (await client.PutJsonAsync(url, new { has_split_payment = false })).ReadJsonAsync();
        off["provider_split"].ShouldBeNull();
        off["payment_split"].ShouldBeNull();
    }

    [Fact]
    public async Task Delete_hides_the_customer_everywhere()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "Gone Soon", phone = "07700900011", username = "gone.soon" });
        var url = $"{tenant.CustomersUrl}/{created["customer_id"]}";

        (await client.DeleteAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await (await client.GetUrlAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>()
            .ShouldBe($"Customer {created["customer_id"]} not found");
        (await client.DeleteAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PutJsonAsync(url, new { city = "X" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await client.GetUrlAsync($"{tenant.CustomersUrl}?archived=all")).ReadJsonAsync();
        list["pagination"]!["total"]!.GetValue<int>().ShouldBe(0);
        // The record stays in the database for trip history.
        var kept = await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Id == created["customer_id"]!.GetValue<int>() && !c.IsActive, Ct));
        kept.ShouldBeTrue();
        // …and its username is free again.
        var check = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username?username=gone.soon")).ReadJsonAsync();
        check["available"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Archive_and_unarchive_record_who_and_when()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "Seasonal", phone = "07700900012" });
        var url = $"{tenant.CustomersUrl}/{created["customer_id"]}";

        var archived = await (await client.PostAsync($"{url}/archive", null, Ct)).ReadJsonAsync();
        archived["archived"]!.GetValue<bool>().ShouldBeTrue();
        archived["archived_by"]!.GetValue<int>().ShouldBe(tenant.Office.Id);
        archived["archived_at"].ShouldNotBeNull();
        (await (await client.PostAsync($"{url}/archive", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!
            .GetValue<string>().ShouldContain("already archived");

        (await client.ListCustomerNamesAsync(tenant, "")).ShouldBeEmpty();
        (await client.ListCustomerNamesAsync(tenant, "archived=true")).ShouldBe(["Seasonal"]);

        var unarchived = await (await client.PostAsync($"{url}/unarchive", null, Ct)).ReadJsonAsync();
        unarchived["archived"]!.GetValue<bool>().ShouldBeFalse();
        unarchived["archived_by"].ShouldBeNull();
        unarchived["archived_at"].ShouldBeNull();
        (await client.PostAsync($"{url}/unarchive", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task List_filters_sorts_and_pages()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new { name = "Charlie Brown", phone = "07700900021", paying_org = "NHS", postcode = "LS1 1AA" });
        await client.PostCustomerAsync(tenant, new { name = "alice Green", phone = "07700900022", paying_org = "Private", is_login_enabled = true, username = "alice", postcode = "LS3 1AA" });
        await client.PostCustomerAsync(tenant, new { name = "Bob White", phone = "07700900023", paying_org = "NHS", postcode = "LS2 1AA" });

        (await client.ListCustomerNamesAsync(tenant, "paying_org=NHS")).ShouldBe(["Bob White", "Charlie Brown"]);
        (await client.ListCustomerNamesAsync(tenant, "is_login_enabled=true")).ShouldBe(["alice Green"]);
        (await client.ListCustomerNamesAsync(tenant, "sort=-postcode")).ShouldBe(["alice Green", "Bob White", "Charlie Brown"]);
        (await client.ListCustomerNamesAsync(tenant, "sort=customer_id")).ShouldBe(["Charlie Brown", "alice Green", "Bob White"]);
        (await client.ListCustomerNamesAsync(tenant, "sort=-created_at")).ShouldBe(["Bob White", "alice Green", "Charlie Brown"]);

        var page = await (await client.GetUrlAsync($"{tenant.CustomersUrl}?limit=2&page=2&sort=customer_id")).ReadJsonAsync();
        page["customers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Bob White"]);
        page["pagination"]!["page"]!.GetValue<int>().ShouldBe(2);
        page["pagination"]!["limit"]!.GetValue<int>().ShouldBe(2);
        page["pagination"]!["total"]!.GetValue<int>().ShouldBe(3);
        page["pagination"]!["totalPages"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Search_matches_name_email_phone_and_postcode_case_insensitively_with_literal_wildcards()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.PostCustomerAsync(tenant, new { name = "100% Mobility Ltd", phone = "07700900031" });
        await client.PostCustomerAsync(tenant, new { name = "Jo_Bloggs", phone = "07700900032", email = "jo@example.org" });
        await client.PostCustomerAsync(tenant, new { name = "Joe Bloggs", phone = "0113 496 0123", postcode = "WF1 2AB" });

        (await client.ListCustomerNamesAsync(tenant, "search=%25")).ShouldBe(["100% Mobility Ltd"]);
        (await client.ListCustomerNamesAsync(tenant, "search=_")).ShouldBe(["Jo_Bloggs"]);
        (await client.ListCustomerNamesAsync(tenant, "search=BLOGGS")).ShouldBe(["Jo_Bloggs", "Joe Bloggs"]);
        (await client.ListCustomerNamesAsync(tenant, "search=EXAMPLE.ORG")).ShouldBe(["Jo_Bloggs"]);
        (await client.ListCustomerNamesAsync(tenant, "search=wf1")).ShouldBe(["Joe Bloggs"]);
        (await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString("0113 496 0123"))).ShouldBe(["Joe Bloggs"]);
        (await client.ListCustomerNamesAsync(tenant, "search=900032")).ShouldBe(["Jo_Bloggs"]);
        // One word matches within one field, never across two (PostgreSQL searches the fields joined)…
        (await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString("bloggsjo@"))).ShouldBeEmpty();
        (await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString("org+44"))).ShouldBeEmpty();
        (await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString("Bloggs\u001fjo@"))).ShouldBeEmpty();
        // …while several words each match somewhere, in any order (§4).
        (await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString("bloggs jo@"))).ShouldBe(["Jo_Bloggs"]);
        (await client.ListCustomerNamesAsync(tenant, "search=" + Uri.EscapeDataString("0123 WF1"))).ShouldBe(["Joe Bloggs"]);
    }

    [Theory]
    [InlineData("archived=maybe", "archived")]
    [InlineData("page=-1", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("limit=100000", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("sort=phone", "sort")]
    [InlineData("sort=--name", "sort")]
    [InlineData("is_login_enabled=perhaps", "is_login_enabled")]
    public async Task List_rejects_bad_query_values(string query, string parameter)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.OfficeClient().GetUrlAsync($"{tenant.CustomersUrl}?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors(parameter).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Bad_requests_get_a_problem_with_a_message_never_a_500()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        var malformed = await client.PostAsync(tenant.CustomersUrl, Http.Json("{\"name\": \"A\", "), Ct);
        (await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("not valid JSON");

        var notObject = await client.PostAsync(tenant.CustomersUrl, Http.Json("[1,2]"), Ct);
        (await notObject.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("body").ShouldNotBeEmpty();

        var wrongType = await client.PostAsync(tenant.CustomersUrl, Http.Json("{\"name\": 5, \"phone\": true}"), Ct);
        var typeProblem = await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        typeProblem.FieldErrors("name").ShouldBe(["Name must be a string"]);
        typeProblem.FieldErrors("phone").ShouldBe(["Phone number must be a string"]);

        var nonNumericId = await client.GetUrlAsync($"{tenant.CustomersUrl}/abc");
        (await nonNumericId.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe("id must be a whole number");

        var hugeId = await client.GetUrlAsync($"{tenant.CustomersUrl}/99999999999");
        await hugeId.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var nonNumericTenant = await client.GetUrlAsync("/api/tenants/abc/customers");
        (await nonNumericTenant.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe("tenantId must be a whole number");

        var noBody = await client.PostAsync(tenant.CustomersUrl, Http.Json(""), Ct);
        await noBody.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var wrongMediaType = await client.PostAsync(tenant.CustomersUrl, new StringContent("name=A"), Ct);
        await wrongMediaType.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var tooLarge = await client.PostAsync(tenant.CustomersUrl, Http.Json($"{{\"name\": \"{new string('a', 11 * 1024 * 1024)}\"}}"), Ct);
        await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Check_username_reports_validity_and_availability()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "A", phone = "07700900041", username = "taken.name" });

        var taken = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username?username=Taken.Name")).ReadJsonAsync();
        taken.ToJsonString().ShouldBe("""{"username":"taken.name","valid":true,"available":false,"reason":"Username is already taken"}""");

        var own = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username?username=taken.name&exclude_customer_id={created["customer_id"]}")).ReadJsonAsync();
        own["available"]!.GetValue<bool>().ShouldBeTrue();

        var invalid = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username?username=a!")).ReadJsonAsync();
        invalid["valid"]!.GetValue<bool>().ShouldBeFalse();
        invalid["available"]!.GetValue<bool>().ShouldBeFalse();
        invalid["reason"]!.GetValue<string>().ShouldContain("3–50 characters");

        var missing = await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username");
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("username").ShouldNotBeEmpty();
        var badExclude = await client.GetUrlAsync($"{tenant.CustomersUrl}/check-username?username=abc&exclude_customer_id=x");
        (await badExclude.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("exclude_customer_id").ShouldNotBeEmpty();
    }

    private async Task AssertTenantHasNoCustomersAsync(TestTenant tenant)
    {
        var count = await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == tenant.Id, Ct));
        count.ShouldBe(0);
    }

    [Fact]
    public async Task Creating_the_same_name_and_phone_again_is_409_unless_duplicates_are_allowed()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var first = Id(await client.PostCustomerAsync(tenant, new { name = "Dee Duplicate", phone = "07700 900711" }));

        // The same person typed again: another case, the phone in another form.
        var again = await client.PostJsonAsync(tenant.CustomersUrl, new { name = "DEE DUPLICATE", phone = "+447700900711" });
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldBe($"Duplicate of customer {first}");
        var allowed = await client.PostJsonAsync($"{tenant.CustomersUrl}?allow_duplicates=true", new { name = "Dee Duplicate", phone = "07700 900711" });
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var badFlag = await client.PostJsonAsync($"{tenant.CustomersUrl}?allow_duplicates=maybe", new { name = "Dee Duplicate", phone = "07700 900711" });
        (await badFlag.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("allow_duplicates").ShouldNotBeEmpty();
        // Another phone is another person.
        (await client.PostJsonAsync(tenant.CustomersUrl, new { name = "Dee Duplicate", phone = "07700 900712" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id && c.Phone == "+447700900711", Ct))).ShouldBe(2);
    }
}
