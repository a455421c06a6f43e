namespace Customers.Api.Customers.Stats;

public sealed record ScheduleStats(
    int CustomersWithSchedule,
    IReadOnlyDictionary<string, int> TripsPerWeekday,
    IReadOnlyDictionary<string, int> PickupsByHour,
    string? EarliestPickup,
    string? LatestPickup);
