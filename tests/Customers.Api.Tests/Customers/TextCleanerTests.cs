namespace Customers.Api.Tests.Customers;

[Collection(RunAlone.Name)]
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

    // Payloads from the #14 report and from OWASP's XSS filter evasion cheat sheet.
    public static readonly TheoryData<string> Hostile = new()
    {
        "<<script>script>alert(1)<</script>/script>",
        "<\u0000img src=x onerror=alert(1)>",
        "<<<<<<b>b>b>b>b>b>script>alert(1)",
        "<IMG SRC=javascript:alert('XSS')>",
        "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<iframe src=javascript:alert('XSS')></iframe>",
        "<svg/onload=alert('XSS')>",
        "<BODY ONLOAD=alert('XSS')>",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<!--<script>-->alert(1)<!--</script>-->",
        "<scr<!-- x -->ipt>alert(1)</script>",
        "<\u200Bscript>alert(1)</script>",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void No_tag_survives_cleaning_however_it_is_hidden_and_cleaning_again_changes_nothing(string payload)
    {
        foreach (var multiline in new[] { false, true })
        {
            var cleaned = TextCleaner.Clean(payload, multiline);
            cleaned.ShouldNotMatch("<[A-Za-z/!?]", $"'{payload}' gave '{cleaned}'");
            TextCleaner.Clean(cleaned, multiline).ShouldBe(cleaned);
        }
    }

    [Theory]
    [InlineData("Ann\u202Ee", "Anne")]
    [InlineData("Bob\u200B Smith", "Bob Smith")]
    [InlineData("\u2066Carol\u2069", "Carol")]
    [InlineData("Dee\u200D\uFEFF", "Dee")]
    public void Bidi_controls_and_zero_width_characters_are_dropped(string input, string expected) =>
        TextCleaner.Clean(input, multiline: false).ShouldBe(expected);

    [Fact]
    public void Cleaning_takes_linear_time_on_hostile_megabytes()
    {
        // Best of five runs each, each after a full collection, so that a busy machine (other tests
        // run alongside) or a collection of the megabyte's garbage does not decide.
        static double BestMilliseconds(string value)
        {
            var best = double.MaxValue;
            for (var run = 0; run < 5; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                TextCleaner.Clean(value, multiline: true);
                best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            }
            return best;
        }

        foreach (var piece in new[] { "<!--", "<a", "<<b>", "<!-- -->x", "<b" + new string('x', 50) })
        {
            var quarter = string.Concat(Enumerable.Repeat(piece, 250_000 / piece.Length));
            var whole = string.Concat(Enumerable.Repeat(piece, 1_000_000 / piece.Length));
            TextCleaner.Clean(quarter, multiline: true);
            var (small, large) = (BestMilliseconds(quarter), BestMilliseconds(whole));
            // Four times the text: about four times the time when linear, sixteen when quadratic
            // (a quadratic cleaner took 5.1 s for 625 KB of "<!--" before).
            (large / Math.Max(small, 0.5)).ShouldBeLessThan(9, $"{whole.Length:N0} characters of '{piece}': {large:N1} ms, a quarter: {small:N1} ms");
            large.ShouldBeLessThan(1_000, $"{whole.Length:N0} characters of '{piece}'");
        }
    }
}
