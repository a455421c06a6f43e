using System.Text.Json.Serialization;

namespace Customers.Web.Api;

/// <summary>One weekday of a customer's schedule: pick-up time, and optionally return time and destination.</summary>
public sealed record ScheduleDay(
    string PickupTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReturnTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Destination);
