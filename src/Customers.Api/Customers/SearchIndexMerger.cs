namespace Customers.Api.Customers;

/// <summary>
/// After a bulk write or an import batch, merges the entries waiting in the search index's
/// pending list into the index, in the background, instead of inside whichever write fills the
/// list (docs/adr/20261130-merge-search-index-in-background.md). Signals coalesce: one merge
/// covers every write before it; another instance's merge at the same time just waits for this
/// one and finds nothing left.
/// </summary>
public sealed partial class SearchIndexMerger(IServiceScopeFactory scopes, ICustomerSearch search, ILogger<SearchIndexMerger> logger) : BackgroundService
{
    private readonly WakeSignal requested = new();
    private volatile bool stopped = !search.HasPendingEntries;

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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        stopped ? Task.CompletedTask : BackgroundLoop.RunAsync(MergeNextAsync, (e, _) =>
        {
            LogMergeFailed(logger, e);
            return Task.CompletedTask;
        }, stoppingToken);

    private async Task<bool> MergeNextAsync(CancellationToken stoppingToken)
    {
        await requested.WaitAsync(stoppingToken);
        await using var scope = scopes.CreateAsyncScope();
        if (await search.MergePendingEntriesAsync(scope.ServiceProvider.GetRequiredService<CustomersDbContext>(), stoppingToken))
        {
            return true;
        }
        // Only the index's owner may merge it; writes then merge it themselves, as before.
        stopped = true;
        LogNotOwner(logger);
        return false;
    }

    [LoggerMessage(LogLevel.Information, "Not the search index's owner: its pending entries are merged by writes and autovacuum instead")]
    private static partial void LogNotOwner(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Merging the search index's pending entries failed")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception);
}
