namespace Customers.Api.Tests.Hosting;

/// <summary>Logs never hold passwords, tokens or personal data (§9), even at the most verbose level.</summary>
public sealed class LoggingTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task Logs_hold_no_passwords_tokens_or_personal_data()
    {
        const string password = "Secret-Passw0rd-Logs";
        var tenant = await app.CreateTenantAsync();
        var username = $"logged-{Guid.NewGuid():N}";
        await app.CreateUserWithPasswordAsync(username, password, Roles.OfficeStaff, tenant.Id);
        var anonymous = app.CreateClient();
        await anonymous.PostJsonAsync("/api/auth/login", new { username, password = "Wrong-Guess-Logs" });
        var login = await (await anonymous.PostJsonAsync("/api/auth/login", new { username, password })).ReadJsonAsync();
        var token = login["accessToken"]!.GetValue<string>();

        var client = tenant.OfficeClient();
        var customer = await client.PostCustomerAsync(tenant, new
        {
            name = "Zebedee Quaglino", phone = "07700 900977", email = "zebedee@example.org", medical_notes = "Haemophilia noted",
        });
        await client.PutJsonAsync($"{tenant.CustomersUrl}/{customer["customer_id"]}", new { driver_notes = "Gate code 4471" });
        await client.PostJsonAsync($"{tenant.CustomersUrl}/bulk", new { customers = new[] { new { name = "Ximena Oyelaran", phone = "07700900978" } } });
        await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent("name,phone\r\nYolanda Pettigrew,07700900979\r\n", System.Text.Encoding.UTF8, "text/csv"),
            TestContext.Current.CancellationToken);
        await app.RunImportsAsync();
        await client.PostAsync(tenant.CustomersUrl, Http.Json("{\"name\": \"Broken Json Person\", "), TestContext.Current.CancellationToken);

        var log = string.Join("\n", app.Logs.Lines);
        // Verbose enough to include every SQL command and the login outcomes…
        log.ShouldContain("Executed DbCommand");
        log.ShouldContain("Login succeeded for user");
        // …and still nothing personal or secret.
        foreach (var secret in new[]
        {
            password, "Wrong-Guess-Logs", token, "Zebedee", "Quaglino", "900977", "zebedee@example.org", "Haemophilia", "Gate code",
            "Ximena", "Yolanda", "Pettigrew", "Broken Json Person",
        })
        {
            log.ShouldNotContain(secret, Case.Insensitive);
        }
    }
}
