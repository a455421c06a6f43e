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
        if (!redis.IsConnected)
        {
            outage.Failed("not connected");
        }
        else if (outage.Resting)
        {
            // A Redis that stopped answering without closing its connection: every request would
            // wait out the timeout, so none asks it until the rest is over.
            outage.Failed("timed out recently");
        }
        else
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (RedisTimeoutException e)
            {
                outage.TimedOut();
                outage.Failed(e.GetType().Name);
            }
            catch (RedisException e)
            {
                outage.Failed(e.GetType().Name);
            }
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

/// <summary>Says, at most once a minute, that Redis is not counting the rate limits, and keeps requests off it for a while after it timed out.</summary>
public sealed partial class RedisOutageLog(ILogger<RedisOutageLog> logger)
{
    /// <summary>How long no request asks Redis after one of them timed out.</summary>
    public const int RestMilliseconds = 5_000;

    private long _nextLog;
    private long _restUntil;

    /// <summary>True for <see cref="RestMilliseconds"/> after a timeout: requests count locally meanwhile.</summary>
    public bool Resting => Environment.TickCount64 < Interlocked.Read(ref _restUntil);

    public void TimedOut() => Interlocked.Exchange(ref _restUntil, Environment.TickCount64 + RestMilliseconds);

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
