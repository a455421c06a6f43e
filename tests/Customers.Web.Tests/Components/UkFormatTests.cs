using Customers.Web.Components;

namespace Customers.Web.Tests.Components;

public sealed class UkFormatTests
{
    [Theory]
    [InlineData("+447700900123", "07700 900123")]
    [InlineData("+441134960123", "0113 496 0123")]
    [InlineData("+441914980123", "0191 498 0123")]
    [InlineData("+442079460000", "020 7946 0000")]
    [InlineData("+441632960001", "01632 960001")]
    [InlineData("+33142685300", "+33142685300")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phones_are_shown_in_UK_national_format(string? stored, string shown) => UkFormat.Phone(stored).ShouldBe(shown);

    [Fact]
    public void Dates_are_day_month_year() =>
        UkFormat.Date(new DateTime(2026, 3, 4, 12, 0, 0, DateTimeKind.Utc)).ShouldBe("04/03/2026");
}
