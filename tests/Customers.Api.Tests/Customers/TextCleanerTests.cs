namespace Customers.Api.Tests.Customers;

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
