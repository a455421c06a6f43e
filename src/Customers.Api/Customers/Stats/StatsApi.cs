namespace Customers.Api.Customers.Stats;

public static class StatsApi
{
    public static RouteGroupBuilder MapCustomerStatsApi(this RouteGroupBuilder customers)
    {
        customers.MapGet("/stats", GetAsync)
            .WithName("CustomerStats")
            .WithSummary("Counts for the tenant's dashboard: status, logins, reminders, paying orgs, schedules");
        return customers;
    }

    public static async Task<Ok<CustomerStatsResponse>> GetAsync(
        int tenantId, CustomersDbContext db, IStatCounterStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The figures are kept as counters by every write (StatCounters): one grouped read of a
        // few hundred rows, whatever the number of customers.
        var counters = await StatCounters.ReadAsync(db, tenantId, cancellationToken);
        if (counters.Sum(c => c.Rows) > StatCounters.CompactAbove)
        {
            await store.CompactAsync(db, tenantId, cancellationToken);
        }
        return TypedResults.Ok(ToResponse(counters.Where(c => c.Count != 0).ToList(), StatCounters.Month(clock.GetUtcNow().UtcDateTime)));
    }

    private static CustomerStatsResponse ToResponse(IReadOnlyList<StatCounters.Counter> counters, string thisMonth)
    {
        int Count(string metric, string key = "") => (int)counters.Where(c => c.Metric == metric && c.Key == key).Sum(c => c.Count);

        var total = Count(StatCounters.Total);
        var archived = Count(StatCounters.ArchivedCount);
        var payingOrgs = counters.Where(c => c.Metric == StatCounters.PayingOrg)
            .Select(c => new PayingOrgCount(c.Key, (int)c.Count))
            .Append(new PayingOrgCount(null, Count(StatCounters.NoPayingOrg)))
            .Where(o => o.Count > 0)
            .OrderByDescending(o => o.Count).ThenBy(o => o.PayingOrg, StringComparer.Ordinal)
            .ToList();
        // Trip keys are "monday 08:30": the weekday, then the pickup time.
        var trips = counters.Where(c => c.Metric == StatCounters.Trip && c.Count > 0)
            .Select(c => (Day: c.Key[..c.Key.IndexOf(' ', StringComparison.Ordinal)], Time: c.Key[(c.Key.IndexOf(' ', StringComparison.Ordinal) + 1)..], Count: (int)c.Count))
            .ToList();
        var times = trips.Select(t => t.Time).Order(StringComparer.Ordinal).ToList();
        return new CustomerStatsResponse(
            total,
            total - archived,
            archived,
            Count(StatCounters.WithLogin),
            Count(StatCounters.ReminderOptIn),
            ReminderPreferences.All.ToDictionary(p => p, p => Count(StatCounters.ReminderPreference, p)),
            payingOrgs,
            Count(StatCounters.SplitPayment),
            Count(StatCounters.WithMedicalNotes),
            Count(StatCounters.WithMobilityRequirements),
            Count(StatCounters.CreatedMonth, thisMonth),
            new ScheduleStats(
                Count(StatCounters.WithSchedule),
                WeeklySchedule.Days.ToDictionary(d => d, d => trips.Where(t => t.Day == d).Sum(t => t.Count)),
                trips.GroupBy(t => t.Time[..2]).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(t => t.Count)),
                times.FirstOrDefault(),
                times.LastOrDefault()));
    }
}
