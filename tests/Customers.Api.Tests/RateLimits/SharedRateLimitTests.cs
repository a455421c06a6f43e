using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Customers.Api.Tests.RateLimits;

/// <summary>Two instances of the service on one PostgreSQL database, sharing rate limits through a real Redis.</summary>
public sealed class TwoInstancesWithRedis : IAsyncLifetime
{
    public const int PerMinute = 6;

    public RedisServer Redis { get; private set; } = null!;

    public Instance First { get; private set; } = null!;

    public Instance Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        First = new Instance(this, null);
        await First.InitializeAsync();
        Second = new Instance(this, First.Database);
        await Second.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>One instance; the first creates the database, the second uses it.</summary>
    public sealed class Instance(TwoInstancesWithRedis owner, string? database) : PostgresApp
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public string Database => ConnectionString;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = owner.Redis.ConnectionString,
            ["RateLimits:PerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        public override async ValueTask InitializeAsync()
        {
            if (database is null)
            {
                await base.InitializeAsync();
            }
            else
            {
                ConnectionString = database;
            }
        }

        // The first instance drops the database they share.
        protected override bool OwnsDatabase => database is null;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}

public sealed class SharedRateLimitTests(TwoInstancesWithRedis instances) : IClassFixture<TwoInstancesWithRedis>
{
    [Fact]
    public async Task One_users_limit_is_shared_by_both_instances_and_counted_per_instance_while_redis_is_away()
    {
        var tenant = await instances.First.CreateTenantAsync();
        var onFirst = instances.First.ClientFor(tenant.Office);
        var onSecond = instances.Second.ClientFor(tenant.Office);
        async Task<HttpStatusCode> ListAsync(HttpClient client) => (await client.GetUrlAsync(tenant.CustomersUrl)).StatusCode;

        // Half the allowance on each instance: together they use it up.
        for (var i = 0; i < TwoInstancesWithRedis.PerMinute / 2; i++)
        {
            (await ListAsync(onFirst)).ShouldBe(HttpStatusCode.OK);
            (await ListAsync(onSecond)).ShouldBe(HttpStatusCode.OK);
        }
        var refused = await onSecond.GetUrlAsync(tenant.CustomersUrl);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, string.Join("\n", instances.Second.Logs.Lines.Where(l => l.Contains("Redis", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Warn", StringComparison.Ordinal) || l.StartsWith("Err", StringComparison.Ordinal))));
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await ListAsync(onFirst)).ShouldBe(HttpStatusCode.TooManyRequests);
        // Another user's allowance is their own.
        (await ListAsync(instances.First.ClientFor(tenant.Admin))).ShouldBe(HttpStatusCode.OK);

        instances.Redis.Kill();
        // Still serving: each instance now counts on its own, from zero.
        for (var i = 0; i < TwoInstancesWithRedis.PerMinute; i++)
        {
            (await ListAsync(onFirst)).ShouldBe(HttpStatusCode.OK);
        }
        (await ListAsync(onFirst)).ShouldBe(HttpStatusCode.TooManyRequests);
        (await ListAsync(onSecond)).ShouldBe(HttpStatusCode.OK);
        instances.First.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("Redis is not counting the rate limits", StringComparison.Ordinal));
    }
}

public sealed class HungRedisTests(TwoInstancesWithRedis instances) : IClassFixture<TwoInstancesWithRedis>
{
    [Fact]
    public async Task A_redis_that_stops_answering_delays_one_request_by_its_timeout_and_the_next_ones_not_at_all()
    {
        var tenant = await instances.First.CreateTenantAsync();
        var client = instances.First.ClientFor(tenant.Office);
        (await client.GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        instances.Redis.Pause();
        try
        {
            // The first waits for Redis until its timeout (500 ms; StackExchange.Redis's default is 5 s).
            var watch = System.Diagnostics.Stopwatch.StartNew();
            (await client.GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
            // The next ones are counted locally without asking: waiting for Redis, four would take 2 s or more.
            watch.Restart();
            for (var i = 0; i < 4; i++)
            {
                (await client.GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1.5));
            instances.First.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal)
                && l.Contains("Redis is not counting the rate limits (RedisTimeoutException)", StringComparison.Ordinal));
        }
        finally
        {
            instances.Redis.Resume();
        }
    }
}
