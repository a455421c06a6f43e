using Npgsql;

namespace Customers.Api.Customers;

/// <summary>
/// After a bulk write or an import batch, merges the rows waiting in the search index's pending list into the
/// index, in the background (PostgreSQL only). PostgreSQL appends new trigram entries to that
/// list cheaply and merges it once it holds 4 MB, inside whichever write crosses the line: one
/// bulk create in five took ~60 ms longer for it. Every search also reads the whole list.
/// Signals coalesce: one merge covers every write before it; another instance's merge at the same
/// time just waits for this one and finds nothing left.
/// </summary>
public sealed partial class SearchIndexMerger(IServiceScopeFactory scopes, ILogger<SearchIndexMerger> logger) : BackgroundService
{
    private readonly WakeSignal requested = new();
    private volatile bool stopped;

    /// <summary>Asks for a merge soon; returns at once.</summary>
    public void MergeSoon()
    {
        if (!stopped)
        {
            // A merge already due covers this write too.
            requested.Set();
        }
    }

    public override void Dispose()
    {
        requested.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await requested.WaitAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
                if (!db.IsPostgres)
                {
                    stopped = true;
                    return;
                }
                await MergeAsync(db, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                // Only the index's owner may merge it; writes then merge it themselves, as before.
                stopped = true;
                LogNotOwner(logger);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogMergeFailed(logger, e);
            }
        }
    }

    /// <summary>Merges the pending entries of every GIN index on customers (the trigram search index) now.</summary>
    public static Task MergeAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("""
            SELECT gin_clean_pending_list(c.oid)
            FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid = 'customers'::regclass AND a.amname = 'gin'
            """, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Not the search index's owner: its pending entries are merged by writes and autovacuum instead")]
    private static partial void LogNotOwner(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Merging the search index's pending entries failed")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception);
}
