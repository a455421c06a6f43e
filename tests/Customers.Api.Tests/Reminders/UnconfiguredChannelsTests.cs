namespace Customers.Api.Tests.Reminders;

public sealed class UnconfiguredChannelsSqliteTests(SqliteApp app) : UnconfiguredChannelsTests(app), IClassFixture<SqliteApp>;

public sealed class UnconfiguredChannelsPostgresTests(PostgresApp app) : UnconfiguredChannelsTests(app), IClassFixture<PostgresApp>;

/// <summary>Reminders with no SMTP server or SMS provider configured (§7).</summary>
public abstract class UnconfiguredChannelsTests(CustomersApp app)
{
    [Fact]
    public async Task Unconfigured_reminder_channels_are_logged_as_skipped_with_the_reason()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var customer = await client.PostCustomerAsync(tenant, new
        {
            name = "Nobody Configured", phone = "07700 900901", email = "nobody@example.org", reminder_opt_in = true, reminder_preference = "both",
        });

        var body = await (await client.PostJsonAsync($"{tenant.CustomersUrl}/{customer["customer_id"]}/reminders", new { message = "Hi" })).ReadJsonAsync();

        var attempts = body["reminders"]!.AsArray();
        attempts.Select(a => a!["status"]!.GetValue<string>()).ShouldBe(["skipped", "skipped"]);
        attempts[0]!["error"]!.GetValue<string>().ShouldContain("SMS is not configured");
        attempts[1]!["error"]!.GetValue<string>().ShouldContain("Email is not configured");
    }
}
