namespace Customers.Api.Customers.Stats;

public sealed record PayingOrgCount(string? PayingOrg, int Count);

public sealed record ScheduleStats(
    int CustomersWithSchedule,
    IReadOnlyDictionary<string, int> TripsPerWeekday,
    IReadOnlyDictionary<string, int> PickupsByHour,
    string? EarliestPickup,
    string? LatestPickup);

/// <summary>§6. Archived customers count only in archived and total; deleted ones nowhere.</summary>
public sealed record CustomerStatsResponse(
    int Total,
    int Active,
    int Archived,
    int WithLogin,
    int ReminderOptIn,
    IReadOnlyDictionary<string, int> ByReminderPreference,
    IReadOnlyList<PayingOrgCount> ByPayingOrg,
    int SplitPayment,
    int WithMedicalNotes,
    int WithMobilityRequirements,
    int NewThisMonth,
    ScheduleStats Schedule);

public static class StatsApi
{
    public static RouteGroupBuilder MapCustomerStatsApi(this RouteGroupBuilder customers)
    {
        customers.MapGet("/stats", GetAsync)
            .WithName("CustomerStats")
            .WithSummary("Counts for the tenant's dashboard: status, logins, reminders, paying orgs, schedules");
        return customers;
    }

    private sealed record GroupRow(string Kind, string? Key, string? Hour, int Count, string? Earliest, string? Latest);

    public static async Task<Ok<CustomerStatsResponse>> GetAsync(int tenantId, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);

        // Query 1: every scalar figure in one pass over the tenant's live customers.
        var totals = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive)
            .GroupBy(c => 1)
            .Select(g => new
            {
                Total = g.Count(),
                Archived = g.Count(c => c.Archived),
                WithLogin = g.Count(c => !c.Archived && c.IsLoginEnabled),
                ReminderOptIn = g.Count(c => !c.Archived && c.ReminderOptIn),
                Sms = g.Count(c => !c.Archived && c.ReminderPreference == ReminderPreferences.Sms),
                Email = g.Count(c => !c.Archived && c.ReminderPreference == ReminderPreferences.Email),
                Both = g.Count(c => !c.Archived && c.ReminderPreference == ReminderPreferences.Both),
                SplitPayment = g.Count(c => !c.Archived && c.HasSplitPayment),
                WithMedicalNotes = g.Count(c => !c.Archived && c.MedicalNotes != null),
                WithMobility = g.Count(c => !c.Archived && c.MobilityRequirements != null),
                NewThisMonth = g.Count(c => !c.Archived && c.CreatedAt >= monthStart),
                WithSchedule = g.Count(c => !c.Archived && c.Schedule != null),
            })
            .FirstOrDefaultAsync(cancellationToken);

        // Query 2: paying-org counts and schedule trips by weekday and pickup hour, read in the database.
        var groups = await db.Database.SqlQuery<GroupRow>(GroupsSql(db.IsPostgres, tenantId)).ToListAsync(cancellationToken);

        var trips = groups.Where(g => g.Kind == "trip").ToList();
        var perWeekday = WeeklySchedule.Days.ToDictionary(d => d, d => trips.Where(t => t.Key == d).Sum(t => t.Count));
        var perHour = trips.GroupBy(t => t.Hour!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        var active = (totals?.Total ?? 0) - (totals?.Archived ?? 0);
        return TypedResults.Ok(new CustomerStatsResponse(
            totals?.Total ?? 0,
            active,
            totals?.Archived ?? 0,
            totals?.WithLogin ?? 0,
            totals?.ReminderOptIn ?? 0,
            new Dictionary<string, int>
            {
                [ReminderPreferences.Sms] = totals?.Sms ?? 0,
                [ReminderPreferences.Email] = totals?.Email ?? 0,
                [ReminderPreferences.Both] = totals?.Both ?? 0,
            },
            groups.Where(g => g.Kind == "org").OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PayingOrgCount(g.Key, g.Count)).ToList(),
            totals?.SplitPayment ?? 0,
            totals?.WithMedicalNotes ?? 0,
            totals?.WithMobility ?? 0,
            totals?.NewThisMonth ?? 0,
            new ScheduleStats(
                totals?.WithSchedule ?? 0,
                perWeekday,
                perHour,
                trips.Select(t => t.Earliest).Where(t => t is not null).Order(StringComparer.Ordinal).FirstOrDefault(),
                trips.Select(t => t.Latest).Where(t => t is not null).Order(StringComparer.Ordinal).LastOrDefault())));
    }

    private static FormattableString GroupsSql(bool postgres, int tenantId)
    {
        if (postgres)
        {
            return $"""
            SELECT 'org' AS kind, paying_org AS key, NULL AS hour, count(*)::int AS count, NULL AS earliest, NULL AS latest
            FROM customers WHERE tenant_id = {tenantId} AND is_active AND NOT archived
            GROUP BY paying_org
            UNION ALL
            SELECT 'trip', d.key, substr(d.value->>'pickup_time', 1, 2), count(*)::int, min(d.value->>'pickup_time'), max(d.value->>'pickup_time')
            FROM customers c, jsonb_each(c.schedule) d
            WHERE c.tenant_id = {tenantId} AND c.is_active AND NOT c.archived AND c.schedule IS NOT NULL
            GROUP BY d.key, substr(d.value->>'pickup_time', 1, 2)
            """;
        }
        return $"""
            SELECT 'org' AS kind, paying_org AS key, NULL AS hour, count(*) AS count, NULL AS earliest, NULL AS latest
            FROM customers WHERE tenant_id = {tenantId} AND is_active AND NOT archived
            GROUP BY paying_org
            UNION ALL
            SELECT 'trip', d.key, substr(json_extract(d.value, '$.pickup_time'), 1, 2), count(*),
                min(json_extract(d.value, '$.pickup_time')), max(json_extract(d.value, '$.pickup_time'))
            FROM customers c, json_each(c.schedule) d
            WHERE c.tenant_id = {tenantId} AND c.is_active AND NOT c.archived AND c.schedule IS NOT NULL
            GROUP BY d.key, substr(json_extract(d.value, '$.pickup_time'), 1, 2)
            """;
    }
}
