namespace Customers.Api.Tests.RateLimits;

/// <summary>Per-user rate limits (§9). Not database-specific, so run on SQLite only.</summary>
public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Heavy_routes_and_all_routes_answer_429_with_Retry_After_per_user()
    {
        var tenant = await app.CreateTenantAsync();
        var office = tenant.OfficeClient();

        (await office.GetUrlAsync($"{tenant.CustomersUrl}/export")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await office.GetUrlAsync($"{tenant.CustomersUrl}/export")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var limited = await office.GetUrlAsync($"{tenant.CustomersUrl}/export");
        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem["detail"]!.GetValue<string>().ShouldStartWith("Too many requests");
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);

        // Another user of the same tenant has an allowance of their own.
        (await tenant.AdminClient().GetUrlAsync($"{tenant.CustomersUrl}/export")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The general limit (5 a minute, the exports counted too) stops ordinary requests as well.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await office.GetUrlAsync(tenant.CustomersUrl)).StatusCode);
        }
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
