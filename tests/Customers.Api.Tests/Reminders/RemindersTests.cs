namespace Customers.Api.Tests.Reminders;

public sealed class RemindersSqliteTests(SqliteAppWithChannels app)
    : RemindersTests(app, app.Channels.Smtp, app.Channels.Sms), IClassFixture<SqliteAppWithChannels>;

public sealed class RemindersPostgresTests(PostgresAppWithChannels app)
    : RemindersTests(app, app.Channels.Smtp, app.Channels.Sms), IClassFixture<PostgresAppWithChannels>;

/// <summary>Reminders through real channels (loopback SMTP and SMS), the reminder log and reminder settings (§7).</summary>
public abstract class RemindersTests(CustomersApp app, LoopbackSmtpServer smtp, LoopbackSmsProvider sms)
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
        var customer = await client.PostCustomerAsync(tenant, new { name = "Settings", phone = "0113 496 0801", is_login_enabled = true, username = $"set-{Guid.NewGuid():N}"[..16] });
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
    public async Task Reminder_routes_refuse_other_tenants()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var customer = await tenant.OfficeClient().PostCustomerAsync(tenant, new { name = "Private", phone = "07700 900805", reminder_opt_in = true });
        var url = $"{tenant.CustomersUrl}/{customer["customer_id"]}";
        var intruder = other.AdminClient();

        await (await intruder.GetUrlAsync($"{url}/reminders")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostJsonAsync($"{url}/reminders", new { message = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PutJsonAsync($"{url}/reminder-settings", new { reminder_opt_in = false })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var ownUrl = $"{other.CustomersUrl}/{customer["customer_id"]}";
        await (await intruder.GetUrlAsync($"{ownUrl}/reminders")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        sms.Received.ShouldNotContain(m => JsonNode.Parse(m.Body)!["to"]!.GetValue<string>() == "+447700900805");
    }
}
