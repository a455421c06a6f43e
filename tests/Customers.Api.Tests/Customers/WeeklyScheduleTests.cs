using System.Text.Json;

namespace Customers.Api.Tests.Customers;

public class WeeklyScheduleTests
{
    private static (WeeklySchedule? Schedule, Dictionary<string, List<string>> Errors) Parse(string json)
    {
        var errors = new Dictionary<string, List<string>>();
        using var document = JsonDocument.Parse(json);
        return (WeeklySchedule.Parse(document.RootElement, "schedule", errors), errors);
    }

    [Fact]
    public void A_valid_schedule_is_stored_in_canonical_order()
    {
        var (schedule, errors) = Parse("""{"friday":{"destination":" Day Centre ","pickup_time":"9:05"},"monday":{"pickup_time":"08:00","return_time":"16:30"}}""");
        errors.ShouldBeEmpty();
        schedule!.ToJson().ShouldBe("""{"monday":{"pickup_time":"08:00","return_time":"16:30"},"friday":{"pickup_time":"09:05","destination":"Day Centre"}}""");
        WeeklySchedule.FromJson(schedule.ToJson()).ShouldBe(schedule);
    }

    [Theory]
    [InlineData("""[]""", "schedule")]
    [InlineData("""{"someday":{"pickup_time":"08:00"}}""", "schedule.someday")]
    [InlineData("""{"monday":"08:00"}""", "schedule.monday")]
    [InlineData("""{"monday":{}}""", "schedule.monday.pickup_time")]
    [InlineData("""{"monday":{"pickup_time":"8am"}}""", "schedule.monday.pickup_time")]
    [InlineData("""{"monday":{"pickup_time":"24:00"}}""", "schedule.monday.pickup_time")]
    [InlineData("""{"tuesday":{"pickup_time":"10:00","return_time":"09:00"}}""", "schedule.tuesday.return_time")]
    [InlineData("""{"tuesday":{"pickup_time":"10:00","return_time":"10:00"}}""", "schedule.tuesday.return_time")]
    [InlineData("""{"tuesday":{"pickup_time":"10:00","driver":"Bob"}}""", "schedule.tuesday.driver")]
    [InlineData("""{"tuesday":{"pickup_time":"10:00","destination":5}}""", "schedule.tuesday.destination")]
    public void Problems_are_reported_under_their_path(string json, string path)
    {
        var (schedule, errors) = Parse(json);
        schedule.ShouldBeNull();
        errors.ShouldContainKey(path);
    }

    [Fact]
    public void Destination_longer_than_200_is_refused()
    {
        var destination = new string('d', 201);
        var (_, errors) = Parse($$$"""{"monday":{"pickup_time":"08:00","destination":"{{{destination}}}"}}""");
        errors["schedule.monday.destination"].ShouldBe(["Destination must be at most 200 characters"]);
    }
}
