using Bunit;
using ScheduleDay = Customers.Web.Api.ScheduleDay;
using Customers.Web.Components;

namespace Customers.Web.Tests.Components;

public sealed class ScheduleEditorTests : ComponentContext
{
    [Fact]
    public void Ticking_a_day_and_typing_its_times_gives_the_schedule_the_API_takes()
    {
        Dictionary<string, ScheduleDay>? schedule = null;
        var editor = Render<ScheduleEditor>(p => p.Add(e => e.ValueChanged, value => schedule = value));

        editor.Find("#schedule-monday-pickup").HasAttribute("disabled").ShouldBeTrue();
        editor.FindAll("input[type=checkbox]")[0].Change(true);
        editor.Find("#schedule-monday-pickup").Change("09:30");
        editor.Find("#schedule-monday-destination").Change("  Day Centre  ");

        schedule.ShouldNotBeNull();
        schedule.Keys.ShouldBe(["monday"]);
        schedule["monday"].ShouldBe(new ScheduleDay("09:30", null, "Day Centre"));
    }

    [Fact]
    public void No_day_ticked_is_no_schedule_and_a_stored_schedule_is_shown()
    {
        Dictionary<string, ScheduleDay>? schedule = new();
        var editor = Render<ScheduleEditor>(p => p
            .Add(e => e.Value, new Dictionary<string, ScheduleDay> { ["friday"] = new("07:15", "16:00", "Renal Unit") })
            .Add(e => e.ValueChanged, value => schedule = value));

        editor.Find("#schedule-friday-pickup").GetAttribute("value").ShouldBe("07:15");
        editor.Find("#schedule-friday-return").GetAttribute("value").ShouldBe("16:00");
        editor.FindAll("input[type=checkbox]")[4].Change(false);

        schedule.ShouldBeNull();
    }

    [Fact]
    public void The_APIs_errors_show_under_the_fields_they_name_as_text()
    {
        var editor = Render<ScheduleEditor>(p => p
            .Add(e => e.Value, new Dictionary<string, ScheduleDay> { ["monday"] = new("9am", null, null) })
            .Add(e => e.Errors, new Dictionary<string, string[]> { ["schedule.monday.pickup_time"] = ["Time must be HH:MM <b>24-hour</b>"] }));

        var helper = editor.Find("#schedule-monday-pickup").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!;
        helper.TextContent.ShouldContain("Time must be HH:MM <b>24-hour</b>");
        editor.Markup.ShouldNotContain("<b>24-hour</b>");
    }
}
