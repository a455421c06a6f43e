namespace Customers.Api.Tests.Customers;

public class UkPostcodeTests
{
    [Theory]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("  ls6   2qx ", "LS6 2QX")]
    [InlineData("m11ae", "M1 1AE")]
    [InlineData("B338TH", "B33 8TH")]
    [InlineData("cr26xh", "CR2 6XH")]
    [InlineData("DN551PT", "DN55 1PT")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("EC1A 1BB", "EC1A 1BB")]
    [InlineData("gir0aa", "GIR 0AA")]
    public void Valid_postcodes_are_normalised(string input, string expected) =>
        UkPostcode.Normalise(input).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("SW1A")]
    [InlineData("SW1A 1A")]
    [InlineData("QA1 1AA")]
    [InlineData("SW1A 1AC")]
    [InlineData("SW1A1AAA")]
    [InlineData("90210")]
    public void Invalid_postcodes_are_refused(string input) =>
        UkPostcode.Normalise(input).ShouldBeNull();
}
