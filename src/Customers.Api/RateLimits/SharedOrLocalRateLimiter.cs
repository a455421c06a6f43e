using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Customers.Api.RateLimits;

/// <summary>
/// One partition's limit, counted in Redis so that every instance shares it, or in this
/// instance's memory while Redis cannot be reached: requests keep being served, with a limit per
/// instance, instead of failing with the store that counts them.
/// </summary>
public sealed class SharedOrLocalRateLimiter(IConnectionMultiplexer redis, RateLimiter shared, RateLimiter local, RedisOutageLog outage)
    : RateLimiter
{
    // The shared counts live in Redis; only the local ones are lost when an idle partition is dropped.
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    // The middleware tries a synchronous acquire first and waits for the asynchronous one only when
    // that fails: Redis can only answer asynchronously, so the synchronous try says "not yet".
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (redis.IsConnected)
        {
            return AskRedis.Instance;
        }
        outage.Failed("not connected");
        return local.AttemptAcquire(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (RedisException e)
            {
                outage.Failed(e.GetType().Name);
            }
        }
        else
        {
            outage.Failed("not connected");
        }
        return await local.AcquireAsync(permitCount, cancellationToken);
    }

    private sealed class AskRedis : RateLimitLease
    {
        public static readonly AskRedis Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await shared.DisposeAsync();
        await local.DisposeAsync();
        await base.DisposeAsyncCore();
    }
}

/// <summary>Says, at most once a minute, that Redis is not counting the rate limits.</summary>
public sealed partial class RedisOutageLog(ILogger<RedisOutageLog> logger)
{
    private long _nextLog;

    public void Failed(string reason)
    {
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextLog);
        if (now >= next && Interlocked.CompareExchange(ref _nextLog, now + 60_000, next) == next)
        {
            LogRedisFailed(logger, reason);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis is not counting the rate limits ({Reason}): each instance counts its own until it is back")]
    private static partial void LogRedisFailed(ILogger logger, string reason);
}
