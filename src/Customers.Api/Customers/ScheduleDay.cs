using System.Text.Json.Serialization;

namespace Customers.Api.Customers;

public sealed record ScheduleDay(string PickupTime, string? ReturnTime = null, string? Destination = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReturnTime { get; init; } = ReturnTime;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Destination { get; init; } = Destination;
}
