using Microsoft.Extensions.Options;

namespace Customers.Api.Customers.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Whether this instance brings the search index up to date in the background (tests drive it themselves).</summary>
    public bool IndexInBackground { get; set; } = true;

    /// <summary>How often an idle indexer looks for queued customers.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Customers indexed per statement.</summary>
    public int BatchSize { get; set; } = 5000;
}

/// <summary>
/// Brings <c>customer_search</c> up to date with the customers queued by the triggers (PostgreSQL
/// only; SQLite searches its columns directly). Each batch is one statement that takes queued
/// customers (<c>FOR UPDATE SKIP LOCKED</c>, so any number of instances share the work), writes
/// their current text and removes them from the queue. A customer changed again meanwhile is
/// queued again by its own update, so the index never keeps a stale text unnoticed.
/// </summary>
public sealed partial class SearchIndexer(
    IServiceScopeFactory scopes, IOptions<SearchOptions> options, TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService
{
    // (The picked rows are MATERIALIZED: as `IN (SELECT … LIMIT …)` the planner, believing the queue
    // empty, re-ran the pick for every queued row.)
    // After this many rows, what autovacuum would do later: merge the GIN index's pending list
    // (each search reads it end to end) and refresh the planner's statistics.
    private const int TidyAfterRows = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IndexInBackground)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await IndexQueuedAsync(stoppingToken);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogIndexingFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Indexes queued customers until the queue is empty. Returns how many were indexed.</summary>
    public async Task<int> IndexQueuedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        if (!db.IsPostgres)
        {
            return 0;
        }
        var total = 0;
        int indexed;
        do
        {
            indexed = (await db.Database.SqlQuery<int>($"""
                WITH picked AS MATERIALIZED (
                    SELECT tenant_id, customer_id FROM customer_search_queue
                    LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED),
                claimed AS (
                    DELETE FROM customer_search_queue AS q USING picked
                    WHERE q.tenant_id = picked.tenant_id AND q.customer_id = picked.customer_id
                    RETURNING q.tenant_id, q.customer_id),
                written AS (
                    INSERT INTO customer_search (tenant_id, customer_id, text)
                    SELECT c.tenant_id, c.customer_id, customer_search_text(c.name, c.email, c.phone, c.postcode)
                    FROM claimed JOIN customers AS c ON c.tenant_id = claimed.tenant_id AND c.customer_id = claimed.customer_id
                    ON CONFLICT (tenant_id, customer_id) DO UPDATE SET text = EXCLUDED.text)
                SELECT count(*)::int AS "Value" FROM claimed
                """).ToListAsync(cancellationToken)).Single();
            total += indexed;
        }
        while (indexed > 0);

        if (total >= TidyAfterRows)
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT gin_clean_pending_list('ix_customer_search_text_trgm'::regclass)", cancellationToken);
                await db.Database.ExecuteSqlRawAsync("ANALYZE customer_search", cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
            {
                LogTidyRefused(logger);
            }
        }
        if (total > 0)
        {
            LogIndexed(logger, total);
        }
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Search index: {Count} customer(s) brought up to date")]
    private static partial void LogIndexed(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Search index: not allowed to merge its pending list or analyze it (not the owner); autovacuum will")]
    private static partial void LogTidyRefused(ILogger logger);

    [LoggerMessage(LogLevel.Error, "The search indexer failed; retrying")]
    private static partial void LogIndexingFailed(ILogger logger, Exception exception);
}
