using Npgsql;

namespace Customers.Api.Data.Postgres;

/// <summary>
/// Substring search through one trigram index over <see cref="CustomerSearchText"/>.
/// docs/adr/20261130-one-trigram-search-index.md, docs/adr/20261130-merge-search-index-in-background.md
/// </summary>
public sealed class PostgresCustomerSearch : ICustomerSearch
{
    public IQueryable<Customer> Matching(IQueryable<Customer> customers, string text)
    {
        var likePattern = CustomerQueries.LikePattern(text);
        return customers.Where(c => EF.Functions.ILike(CustomerSearchText.Of(c.Name, c.Email, c.Phone, c.Postcode), likePattern, @"\"));
    }

    public bool HasPendingEntries => true;

    public async Task<bool> MergePendingEntriesAsync(CustomersDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            // Every GIN index on customers: the trigram search index.
            await db.Database.ExecuteSqlRawAsync("""
                SELECT gin_clean_pending_list(c.oid)
                FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_am a ON a.oid = c.relam
                WHERE i.indrelid = 'customers'::regclass AND a.amname = 'gin'
                """, cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return false;
        }
    }

    /// <summary>
    /// Merges the pending entries, and after many rows refreshes the planner's statistics of
    /// tenant_id (and the row count), which a search of the new rows needs; only tenant_id's,
    /// since the whole table's costs several times the CPU and autovacuum refreshes the rest.
    /// </summary>
    public async Task<bool> TidyAfterImportAsync(CustomersDbContext db, int rowsWritten, CancellationToken cancellationToken)
    {
        if (!await MergePendingEntriesAsync(db, cancellationToken))
        {
            return false;
        }
        if (rowsWritten >= AnalyzeAfterRows)
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE customers (tenant_id)", cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                return false;
            }
        }
        return true;
    }

    private const int AnalyzeAfterRows = 10_000;
}
