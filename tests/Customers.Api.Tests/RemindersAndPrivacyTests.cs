namespace Customers.Api.Tests;

/// <summary>A real SMTP server and a real SMS endpoint on loopback, and the settings that point the service at them.</summary>
public sealed class ReminderChannelsForTests : IAsyncDisposable
{
    public LoopbackSmtpServer Smtp { get; } = new();
    public LoopbackSmsProvider Sms { get; } = new();

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Reminders:Smtp:Host"] = "127.0.0.1",
        ["Reminders:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Reminders:Smtp:Security"] = "None",
        ["Reminders:Smtp:From"] = "reminders@operator.example",
        ["Reminders:Sms:Url"] = Sms.Url,
        ["Reminders:Sms:Token"] = "sms-test-token",
    };

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
    }
}

public sealed class SqliteAppWithChannels : SqliteApp
{
    public ReminderChannelsForTests Channels { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => Channels.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}

public sealed class PostgresAppWithChannels : PostgresApp
{
    public ReminderChannelsForTests Channels { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => Channels.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}

public sealed class RemindersAndPrivacySqliteTests(SqliteAppWithChannels app)
    : RemindersAndPrivacyTests(app, app.Channels.Smtp, app.Channels.Sms), IClassFixture<SqliteAppWithChannels>;

public sealed class RemindersAndPrivacyPostgresTests(PostgresAppWithChannels app)
    : RemindersAndPrivacyTests(app, app.Channels.Smtp, app.Channels.Sms), IClassFixture<PostgresAppWithChannels>;

/// <summary>Reminders through real channels, the reminder log, data export and erasure (§7).</summary>
public abstract class RemindersAndPrivacyTests(CustomersApp app, LoopbackSmtpServer smtp, LoopbackSmsProvider sms)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reminder_goes_through_every_preferred_channel_and_is_logged()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var email = $"rider-{Guid.NewGuid():N}@example.org";
        var customer = await client.PostCustomerAsync(tenant, new
        {
            name = "Reminded", phone = "07700 900801", email, reminder_opt_in = true, reminder_preference = "both",
        });
        var url = $"{tenant.CustomersUrl}/{customer["customer_id"]}";

        var response = await client.PostJsonAsync($"{url}/reminders", new { message = "Pick-up tomorrow at 09:30" });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["reminders"]!.AsArray().Select(r => (r!["channel"]!.GetValue<string>(), r["status"]!.GetValue<string>()))
            .ShouldBe([("sms", "sent"), ("email", "sent")]);
        smtp.Received.ShouldContain(m => m.Recipient == email && m.Data.Contains("Pick-up tomorrow at 09:30"));
        sms.Received.ShouldContain(m => m.Authorization == "Bearer sms-test-token"
            && JsonNode.Parse(m.Body)!["to"]!.GetValue<string>() == "+447700900801"
            && JsonNode.Parse(m.Body)!["text"]!.GetValue<string>() == "Pick-up tomorrow at 09:30");

        var log = await (await client.GetUrlAsync($"{url}/reminders")).ReadJsonAsync();
        var entries = log["reminders"]!.AsArray();
        entries.Count.ShouldBe(2);
        entries.All(e => e!["sent_by"]!.GetValue<int>() == tenant.Office.Id).ShouldBeTrue();
        entries.Select(e => e!["recipient"]!.GetValue<string>()).Order().ShouldBe(["+447700900801", email]);
    }

    [Fact]
    public async Task Refusals_are_recorded_as_failed_and_opted_out_customers_are_409()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var email = $"refused-{Guid.NewGuid():N}@example.org";
        smtp.RejectedRecipients[email] = true;
        var customer = await client.PostCustomerAsync(tenant, new { name = "Unlucky", phone = "07700 900802", email, reminder_opt_in = true, reminder_preference = "email" });
        var url = $"{tenant.CustomersUrl}/{customer["customer_id"]}";

        var failed = await (await client.PostJsonAsync($"{url}/reminders", new { message = "Hello" })).ReadJsonAsync();
        var attempt = failed["reminders"]!.AsArray().Single()!;
        attempt["status"]!.GetValue<string>().ShouldBe("failed");
        attempt["error"]!.GetValue<string>().ShouldContain("No such user");

        var texted = await client.PostCustomerAsync(tenant, new { name = "Texted", phone = "07700 900806", reminder_opt_in = true });
        sms.FailWith = 503;
        try
        {
            var smsFailed = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/{texted["customer_id"]}/reminders", new { message = "Hello" })).ReadJsonAsync();
            var smsAttempt = smsFailed["reminders"]!.AsArray().Single()!;
            smsAttempt["status"]!.GetValue<string>().ShouldBe("failed");
            smsAttempt["error"]!.GetValue<string>().ShouldContain("503");
        }
        finally
        {
            sms.FailWith = null;
        }

        var optedOut = await client.PostCustomerAsync(tenant, new { name = "Quiet", phone = "07700 900803" });
        await (await client.PostJsonAsync($"{tenant.CustomersUrl}/{optedOut["customer_id"]}/reminders", new { message = "Hello" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await (await client.PostJsonAsync($"{url}/reminders", new { message = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("message").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Reminder_settings_follow_the_rules_and_portal_customers_may_change_their_own()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var customer = await client.PostCustomerAsync(tenant, new { name = "Settings", phone = "0113 496 0801" });
        var id = customer["customer_id"]!.GetValue<int>();
        var url = $"{tenant.CustomersUrl}/{id}/reminder-settings";

        (await (await client.PutJsonAsync(url, new { reminder_opt_in = true })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("phone").ShouldBe(["A mobile phone number is required for 'sms' reminders"]);
        (await (await client.PutJsonAsync(url, new { reminder_opt_in = true, name = "X" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors("name").ShouldNotBeEmpty();

        var portal = await app.WithDbAsync(async db =>
        {
            var user = new User { Username = $"portal-{Guid.NewGuid():N}", PasswordHash = "x", Role = Roles.Customer, TenantId = tenant.Id, CustomerId = id };
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
            return app.ClientFor(user);
        });
        var changed = await (await portal.PutJsonAsync(url, new { reminder_opt_in = false, reminder_preference = "sms" })).ReadJsonAsync();
        changed["reminder_preference"]!.GetValue<string>().ShouldBe("sms");
        await (await portal.PostJsonAsync($"{tenant.CustomersUrl}/{id}/reminders", new { message = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

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
    public async Task Reminder_and_privacy_routes_refuse_other_tenants()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var customer = await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Private", phone = "07700 900805", reminder_opt_in = true });
        var url = $"{tenant.CustomersUrl}/{customer["customer_id"]}";
        var intruder = other.AdminClient();

        await (await intruder.GetUrlAsync($"{url}/reminders")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostJsonAsync($"{url}/reminders", new { message = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PutJsonAsync($"{url}/reminder-settings", new { reminder_opt_in = false })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.GetUrlAsync($"{url}/data-export")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostAsync($"{url}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var ownUrl = $"{other.CustomersUrl}/{customer["customer_id"]}";
        await (await intruder.GetUrlAsync($"{ownUrl}/data-export")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PostAsync($"{ownUrl}/erase", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.GetUrlAsync($"{ownUrl}/reminders")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        sms.Received.ShouldNotContain(m => JsonNode.Parse(m.Body)!["to"]!.GetValue<string>() == "+447700900805");
    }
}
