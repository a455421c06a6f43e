using System.Security.Cryptography;

namespace Customers.Api.Idempotency;

/// <summary>
/// Idempotency-Key (§5) for create and bulk requests, scoped to tenant + user. The same key and
/// request within 24 hours replays the stored response without doing the work again; the same
/// key with a different request → 422; while the first is still running → 409. The claim is a
/// row in the database (its primary key decides the race), so it holds across instances.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotency-Replayed";
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // A running request's instance renews its claim's lease this often, for this long: a claim
    // whose lease ran out belonged to an instance that died, and is taken over.
    public static readonly TimeSpan LeaseRenewedEvery = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(20);

    public async Task InvokeAsync(HttpContext context, IServiceScopeFactory scopes)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await context.WriteProblemAsync(StatusCodes.Status400BadRequest,
                $"{HeaderName} must be 1–{MaxKeyLength} printable ASCII characters without spaces");
            return;
        }
        if (!int.TryParse(context.GetRouteValue("tenantId") as string, out var tenantId) || context.User.UserId() is not { } userId)
        {
            await next(context);
            return;
        }

        var requestHash = await HashRequestAsync(context.Request, context.RequestAborted);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();

        var existing = await ClaimAsync(db, tenantId, userId, key, requestHash, context.RequestAborted);
        if (existing is not null)
        {
            await AnswerFromExistingAsync(context, existing, requestHash);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        using (var running = new CancellationTokenSource())
        {
            var renewing = RenewLeaseAsync(scopes, tenantId, userId, key, running.Token);
            try
            {
                await next(context);
            }
            catch
            {
                context.Response.Body = original;
                await running.CancelAsync();
                await renewing;
                await ReleaseAsync(db, tenantId, userId, key);
                throw;
            }
            await running.CancelAsync();
            await renewing;
        }
        context.Response.Body = original;

        if (context.Response.StatusCode >= 500)
        {
            // A server failure is not an answer worth repeating: let the client retry the work.
            await ReleaseAsync(db, tenantId, userId, key);
        }
        else
        {
            var body = buffer.ToArray();
            var status = context.Response.StatusCode;
            var contentType = context.Response.ContentType;
            var location = context.Response.Headers.Location.ToString();
            var completedAt = clock.UtcNow();
            await db.IdempotencyRecords
                .Where(r => r.TenantId == tenantId && r.UserId == userId && r.Key == key)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Location, location.Length == 0 ? null : location)
                    .SetProperty(r => r.Body, body)
                    .SetProperty(r => r.CompletedAt, completedAt), CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Inserts the claim; returns the record that already holds the key, or null when this request now owns it.</summary>
    private async Task<IdempotencyRecord?> ClaimAsync(CustomersDbContext db, int tenantId, int userId, string key, string requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.UtcNow();
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                TenantId = tenantId, UserId = userId, Key = key, RequestHash = requestHash, CreatedAt = now, LeaseUntil = now + LeaseLength,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return null;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.TenantId == tenantId && r.UserId == userId && r.Key == key, cancellationToken);
            var expired = existing is not null
                && (existing.CreatedAt < now - Retention || (existing.StatusCode is null && existing.LeaseUntil < now));
            if (attempt < 2 && (existing is null || expired))
            {
                if (existing is not null)
                {
                    // Delete exactly the expired record (not one a concurrent request just made), then claim again.
                    await db.IdempotencyRecords
                        .Where(r => r.TenantId == tenantId && r.UserId == userId && r.Key == key && r.CreatedAt == existing.CreatedAt)
                        .ExecuteDeleteAsync(cancellationToken);
                }
                continue;
            }
            return existing ?? new IdempotencyRecord { Key = key, RequestHash = requestHash };
        }
    }

    private static async Task AnswerFromExistingAsync(HttpContext context, IdempotencyRecord existing, string requestHash)
    {
        if (existing.RequestHash != requestHash)
        {
            await context.WriteProblemAsync(StatusCodes.Status422UnprocessableEntity,
                $"This {HeaderName} was already used for a different request; use a new key for new work");
            return;
        }
        if (existing.StatusCode is not { } status)
        {
            context.Response.Headers.RetryAfter = "1";
            await context.WriteProblemAsync(StatusCodes.Status409Conflict,
                $"A request with this {HeaderName} is still being processed; retry when it has finished");
            return;
        }
        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeaderName] = "true";
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }
        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }
        if (existing.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Keeps the claim's lease ahead of the clock until the request ends (on its own context: the request's is busy).</summary>
    private async Task RenewLeaseAsync(IServiceScopeFactory scopes, int tenantId, int userId, string key, CancellationToken running)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseRenewedEvery, clock, running);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
                var until = clock.UtcNow() + LeaseLength;
                await db.IdempotencyRecords
                    .Where(r => r.TenantId == tenantId && r.UserId == userId && r.Key == key && r.StatusCode == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, until), running);
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // The request ended.
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The lease then runs out, and a retry may do the work again: logged, since that is rare and worth knowing.
            LogRenewFailed(logger, e);
        }
    }

    private async Task ReleaseAsync(CustomersDbContext db, int tenantId, int userId, string key)
    {
        try
        {
            await db.IdempotencyRecords
                .Where(r => r.TenantId == tenantId && r.UserId == userId && r.Key == key && r.StatusCode == null)
                .ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The claim's lease then runs out on its own; nothing else to do.
            LogReleaseFailed(logger, e);
        }
    }

    private static async Task<string> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    [LoggerMessage(LogLevel.Warning, "Could not renew an idempotency claim's lease; a retry may take it over")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Could not release an idempotency claim; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
