using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Customers.Api.RateLimits;

/// <summary>
/// Per-user rate limits (§9): 429 with Retry-After. Before login a client is its address, the
/// real one behind configured proxies (<see cref="ProxyOptions"/>). Counters live in each
/// instance's memory, so behind a load balancer a user's allowance is per instance.
/// </summary>
public static class RateLimitRegistration
{
    public const string HeavyPolicy = "heavy";
    public const string LoginPolicy = "login";

    public static IHostApplicationBuilder AddCustomersRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            // Logins have a bucket of their own, so junk logins use up neither the client's other
            // requests nor anybody else's logins.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == LoginPolicy
                    ? RateLimitPartition.GetNoLimiter("login")
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => Window(limits.PerMinute)));
            options.AddPolicy(LoginPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter("login:" + context.Connection.RemoteIpAddress, _ => Window(limits.LoginPerMinute)));
            options.AddPolicy(HeavyPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => Window(limits.HeavyPerMinute)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 60;
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, $"Too many requests: try again in {seconds} second(s)");
            };
        });
        return builder;
    }

    private static string PartitionKey(HttpContext context) =>
        context.User.UserId() is { } userId
            ? "user:" + userId.ToString(CultureInfo.InvariantCulture)
            : "ip:" + context.Connection.RemoteIpAddress;

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
