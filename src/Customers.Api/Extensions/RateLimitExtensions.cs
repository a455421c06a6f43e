using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Customers.Api.Extensions;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Bulk, export and import requests per user per minute.</summary>
    public int HeavyPerMinute { get; set; } = 60;

    /// <summary>Every other request per user (or per address, before login) per minute.</summary>
    public int PerMinute { get; set; } = 1200;
}

/// <summary>
/// Per-user rate limits (§9): 429 with Retry-After. Counters live in each instance's memory, so
/// behind a load balancer a user's allowance is per instance.
/// </summary>
public static class RateLimitExtensions
{
    public const string HeavyPolicy = "heavy";

    public static IHostApplicationBuilder AddCustomersRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => Window(limits.PerMinute)));
            options.AddPolicy(HeavyPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => Window(limits.HeavyPerMinute)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 60;
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = $"Too many requests: try again in {seconds} second(s)",
                    },
                });
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
