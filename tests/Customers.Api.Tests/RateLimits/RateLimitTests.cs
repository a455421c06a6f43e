namespace Customers.Api.Tests.RateLimits;

/// <summary>Per-user rate limits (§9), per client before login. Not database-specific, so run on SQLite only.</summary>
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

    private async Task<HttpStatusCode> LoginAsync(string peer, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = Http.Json(new { username = "nobody@nowhere", password = "wrong" }) };
        request.Headers.Add(TestPeerAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return (await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    private async Task<HttpStatusCode> GetAsync(string url, string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(TestPeerAddress.Header, peer);
        return (await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    [Fact]
    public async Task Junk_logins_use_up_only_their_own_clients_logins_and_health_is_never_limited()
    {
        const string Flooder = "198.51.100.1";
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync(Flooder)).ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await LoginAsync(Flooder)).ShouldBe(HttpStatusCode.TooManyRequests);

        // Another client logs in as usual; the flooder's other requests have their own allowance.
        (await LoginAsync("198.51.100.2")).ShouldBe(HttpStatusCode.Unauthorized);
        (await GetAsync("/openapi/v1.json", Flooder)).ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 10; i++)
        {
            (await GetAsync("/health/live", Flooder)).ShouldBe(HttpStatusCode.OK);
            (await GetAsync("/health/ready", Flooder)).ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Clients_behind_a_known_proxy_are_told_apart_and_other_peers_cannot_claim_an_address()
    {
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync(RateLimitedApp.Proxy, "203.0.113.7")).ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await LoginAsync(RateLimitedApp.Proxy, "203.0.113.7")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginAsync(RateLimitedApp.Proxy, "203.0.113.8")).ShouldBe(HttpStatusCode.Unauthorized);

        // A peer that is not a known proxy is itself the client, whatever header it sends.
        const string Spoofer = "198.51.100.9";
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync(Spoofer, $"203.0.113.{50 + i}")).ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await LoginAsync(Spoofer, "203.0.113.99")).ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
