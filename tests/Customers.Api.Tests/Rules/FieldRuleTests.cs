namespace Customers.Api.Tests.Rules;

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

public class TextCleanerTests
{
    [Theory]
    [InlineData("  Smith & Sons  ", "Smith & Sons")]
    [InlineData("<b>Bold</b> name", "Bold name")]
    [InlineData("<script>alert(1)</script>Eve", "alert(1)Eve")]
    [InlineData("a < b > c", "a < b > c")]
    [InlineData("I <3 trips", "I <3 trips")]
    [InlineData("Tom &amp; Jerry", "Tom &amp; Jerry")]
    [InlineData("bell\u0007 ring\u0000", "bell ring")]
    [InlineData("line1\r\nline2", "line1 line2")]
    [InlineData("<!-- hidden -->Shown", "Shown")]
    [InlineData("Mary   Jones", "Mary Jones")]
    public void Single_line_text_is_cleaned_not_mangled(string input, string expected) =>
        TextCleaner.Clean(input, multiline: false).ShouldBe(expected);

    [Fact]
    public void Notes_keep_line_breaks_and_tabs_normalised_to_lf() =>
        TextCleaner.Clean(" first\r\nsecond\rthird\n\tindented ", multiline: true).ShouldBe("first\nsecond\nthird\n\tindented");

    [Fact]
    public void Values_that_need_no_cleaning_come_back_as_the_full_cleaning_would_give_them()
    {
        // Random strings over the characters the rules care about: the shortcut for clean values
        // must never give anything other than the full cleaning does.
        const string Alphabet = "ab <>/!-\t\r\n\u00A0\u2028\u2029\uFEFF\u0007\u0085éZ3";
        var random = new Random(20261130);
        for (var i = 0; i < 20_000; i++)
        {
            var value = new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            foreach (var multiline in new[] { false, true })
            {
                TextCleaner.Clean(value, multiline).ShouldBe(TextCleaner.CleanFully(value, multiline), $"'{value}' multiline={multiline}");
            }
        }
    }
}
