using System.Globalization;

namespace Customers.Api.Customers.Stats;

/// <summary>
/// The statistics counters' metrics; reading and recounting them. Each write appends its own changes
/// (<see cref="CustomerStatDelta"/>); docs/adr/20261123-statistics-from-counters.md.
/// </summary>
public static class StatCounters
{
    public const string Total = "total";
    public const string ArchivedCount = "archived";
    public const string WithLogin = "with_login";
    public const string ReminderOptIn = "reminder_opt_in";
    public const string ReminderPreference = "reminder_preference";
    public const string PayingOrg = "paying_org";
    public const string NoPayingOrg = "no_paying_org";
    public const string SplitPayment = "split_payment";
    public const string WithMedicalNotes = "with_medical_notes";
    public const string WithMobilityRequirements = "with_mobility_requirements";
    public const string CreatedMonth = "created_month";
    public const string WithSchedule = "with_schedule";
    public const string Trip = "trip";

    /// <summary>Rows a tenant may collect before a read folds them into one per counter.</summary>
    public const int CompactAbove = 500;

    public static string Month(DateTime utc) => utc.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public sealed record Counter(string Metric, string Key, long Count, int Rows);

    /// <summary>The tenant's counters, with how many rows each is spread over.</summary>
    public static async Task<List<Counter>> ReadAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken) =>
        await db.CustomerStatDeltas.AsNoTracking()
            .Where(d => d.TenantId == tenantId)
            .GroupBy(d => new { d.Metric, d.Key })
            .Select(g => new Counter(g.Key.Metric, g.Key.Key, g.Sum(d => (long)d.Delta), g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>The tenant's live customers and how many of them are archived, from the counters (no scan of customers).</summary>
    public static async Task<(int All, int Archived)> CountsAsync(CustomersDbContext db, int tenantId, CancellationToken cancellationToken)
    {
        var counts = await db.CustomerStatDeltas.AsNoTracking()
            .Where(d => d.TenantId == tenantId && d.Key == "" && (d.Metric == Total || d.Metric == ArchivedCount))
            .GroupBy(d => d.Metric)
            .Select(g => new { Metric = g.Key, Count = g.Sum(d => (long)d.Delta) })
            .ToListAsync(cancellationToken);
        int Count(string metric) => (int)Math.Max(0, counts.Where(c => c.Metric == metric).Sum(c => c.Count));
        return (Count(Total), Count(ArchivedCount));
    }

    /// <summary>
    /// Replaces the tenant's counters with a count of its customers: fills them for data that
    /// predates the counters, and repairs any drift. On PostgreSQL the count and the delete see
    /// one snapshot (repeatable read), so changes committed meanwhile keep their own rows.
    /// </summary>
    public static async Task RecountAsync(CustomersDbContext db, IStatCounterStore store, int tenantId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(store.RecountIsolation, cancellationToken);
        var changes = new StatChanges();
        await foreach (var customer in db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive)
            .Select(StatFields.Projection)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            changes.Add(tenantId, customer, +1);
        }
        await db.CustomerStatDeltas.Where(d => d.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        await store.WriteAsync(db, changes.ToRows(), null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Counts tenants whose customers have no counters yet (data written before the counters
    /// existed). Runs after migrations, under the store's lock so that two instances starting
    /// together do not both count. Each tenant counted is stamped as recounted, so the
    /// daily recount does not count it again straight away.
    /// </summary>
    public static async Task FillMissingAsync(CustomersDbContext db, IStatCounterStore store, DateTime now, CancellationToken cancellationToken)
    {
        await using var fillLock = await store.LockForFillAsync(db, cancellationToken);
        var missing = await db.Tenants.AsNoTracking()
            .Where(t => db.Customers.Any(c => c.TenantId == t.Id && c.IsActive) && !db.CustomerStatDeltas.Any(d => d.TenantId == t.Id))
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        foreach (var tenantId in missing)
        {
            await RecountAsync(db, store, tenantId, cancellationToken);
            await db.Tenants.Where(t => t.Id == tenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.StatsRecountedAt, now), cancellationToken);
        }
    }
}
