using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Customers.Api.RateLimits;

/// <summary>
/// Per-user rate limits (§9): 429 with Retry-After. Before login a client is its address, the
/// real one behind configured proxies (<see cref="ProxyOptions"/>). With
/// <c>ConnectionStrings:Redis</c> the counters live in Redis and every instance shares them
/// (§12); without it, or while Redis is unreachable, each instance counts in its own memory.
/// </summary>
public static class RateLimitRegistration
{
    public const string HeavyPolicy = "heavy";
    public const string LoginPolicy = "login";

    public static IHostApplicationBuilder AddCustomersRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var redisConnection = builder.Configuration.GetConnectionString("Redis");
        var redis = string.IsNullOrWhiteSpace(redisConnection) ? null : ConnectRedis(redisConnection);
        if (redis is not null)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
            builder.Services.AddSingleton<RedisOutageLog>();
        }
        builder.Services.AddRateLimiter(options =>
        {
            // Logins have a bucket of their own, so junk logins use up neither the client's other
            // requests nor anybody else's logins.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == LoginPolicy
                    ? RateLimitPartition.GetNoLimiter("login")
                    : Window(context, "default:" + PartitionKey(context), limits.PerMinute, redis));
            options.AddPolicy(LoginPolicy, context => Window(context, "login:" + context.Connection.RemoteIpAddress, limits.LoginPerMinute, redis));
            options.AddPolicy(HeavyPolicy, context => Window(context, "heavy:" + PartitionKey(context), limits.HeavyPerMinute, redis));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                // A TimeSpan from the framework's limiters, whole seconds (int) from Redis's.
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var retryAfter);
                var seconds = retryAfter switch
                {
                    TimeSpan wait => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
                    int wait => Math.Max(1, wait),
                    _ => 60,
                };
                var http = rejected.HttpContext;
                http.RequestServices.GetService<CustomersMetrics>()?.RateLimitRejected(
                    http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "default");
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, $"Too many requests: try again in {seconds} second(s)");
            };
        });
        return builder;
    }

    private static ConnectionMultiplexer ConnectRedis(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        // Start (and keep serving) while Redis is away: the multiplexer reconnects in the background.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        // A request waits at most this long for its count (the default is 5 s) before it is
        // counted locally; SharedOrLocalRateLimiter then leaves Redis alone for a few seconds.
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 500);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 500);
        return ConnectionMultiplexer.Connect(options);
    }

    private static string PartitionKey(HttpContext context) =>
        context.User.UserId() is { } userId
            ? "user:" + userId.ToString(CultureInfo.InvariantCulture)
            : "ip:" + context.Connection.RemoteIpAddress;

    private static RateLimitPartition<string> Window(HttpContext context, string key, int permits, IConnectionMultiplexer? redis)
    {
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => LocalWindow(permits));
        }
        var outage = context.RequestServices.GetRequiredService<RedisOutageLog>();
        return RateLimitPartition.Get(key, partition => new SharedOrLocalRateLimiter(
            redis,
            new RedisFixedWindowRateLimiter<string>("customers:rate:" + partition, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
            }),
            new FixedWindowRateLimiter(LocalWindow(permits)),
            outage));
    }

    private static FixedWindowRateLimiterOptions LocalWindow(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
