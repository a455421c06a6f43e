namespace Customers.Web.Api;

/// <summary>The tenant's statistics (§6).</summary>
public sealed record CustomerStatsResponse(
    int Total,
    int Active,
    int Archived,
    int WithLogin,
    int ReminderOptIn,
    IReadOnlyDictionary<string, int> ByReminderPreference,
    IReadOnlyList<PayingOrgCount> ByPayingOrg,
    int NewThisMonth,
    ScheduleStats Schedule);

public sealed record PayingOrgCount(string? PayingOrg, int Count);

public sealed record ScheduleStats(
    int CustomersWithSchedule,
    IReadOnlyDictionary<string, int> TripsPerWeekday,
    IReadOnlyDictionary<string, int> PickupsByHour);
