namespace Customers.Api.Tests.Customers;

public class PhoneRulesTests
{
    [Theory]
    [InlineData("0113 496 0123", "+441134960123", false)]
    [InlineData("07700 900123", "+447700900123", true)]
    [InlineData("+44 7700 900999", "+447700900999", true)]
    [InlineData("01632 960001", "+441632960001", false)]
    [InlineData("020 7946 0000", "+442079460000", false)]
    [InlineData("07911 123456", "+447911123456", true)]
    [InlineData("+33 1 42 68 53 00", "+33142685300", false)]
    public void Valid_numbers_become_E164(string input, string e164, bool mobile)
    {
        var parsed = PhoneRules.Parse(input);
        parsed.ShouldNotBeNull();
        parsed.Value.E164.ShouldBe(e164);
        parsed.Value.IsMobile.ShouldBe(mobile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12")]
    [InlineData("0113 496")]
    [InlineData("07700 9001234567")]
    public void Invalid_numbers_are_refused(string input) =>
        PhoneRules.Parse(input).ShouldBeNull();

    [Theory]
    [InlineData("+441134960123", "0113 496 0123")]
    [InlineData("+447700900123", "07700 900123")]
    [InlineData("+33142685300", "+33 1 42 68 53 00")]
    public void Display_format_is_national_for_UK_and_international_otherwise(string e164, string display) =>
        PhoneRules.FormatForDisplay(e164).ShouldBe(display);
}
