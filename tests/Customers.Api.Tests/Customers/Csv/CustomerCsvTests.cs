namespace Customers.Api.Tests.Customers.Csv;

public class CsvRulesTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_as_RFC_4180_says(string value, string expected) =>
        CustomerCsv.Quote(value).ShouldBe(expected);

    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+44 1 23", "'+44 1 23")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tindent", "'\tindent")]
    [InlineData("\nnewline first", "'\nnewline first")]
    [InlineData("'=already", "''=already")]
    [InlineData("''+twice", "'''+twice")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("Smith & Sons", "Smith & Sons")]
    [InlineData("a=b", "a=b")]
    public void Formula_like_cells_are_neutralised_and_restored_exactly(string value, string neutralised)
    {
        CustomerCsv.Neutralise(value).ShouldBe(neutralised);
        CustomerCsv.Restore(neutralised).ShouldBe(value);
    }

    [Theory]
    [InlineData("+441134960123")]
    [InlineData("+447700900123")]
    [InlineData("+441632960001")]
    [InlineData("+442079460000")]
    [InlineData("+441214960000")]
    [InlineData("+441914980500")]
    [InlineData("+443069990000")]
    [InlineData("+448081570000")]
    [InlineData("+447911123456")]
    [InlineData("+441612345678")]
    [InlineData("+442890123456")]
    [InlineData("+441312345678")]
    public void Fast_UK_phone_display_agrees_with_libphonenumber_and_reads_back(string e164)
    {
        var display = PhoneRules.FormatForDisplay(e164);
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        display.ShouldBe(util.Format(util.Parse(e164, "GB"), PhoneNumbers.PhoneNumberFormat.NATIONAL));
        PhoneRules.Parse(display)!.Value.E164.ShouldBe(e164);
    }

    [Fact]
    public void The_header_has_the_seeds_27_columns_in_order() =>
        CustomerCsv.HeaderLine().ShouldBe(
            "ID,Name,Address,Address Line 2,City,County,Postcode,Phone,Email,Paying Org,Has Split Payment,Provider Split,Payment Split," +
            "Emergency Contact Name,Emergency Contact Phone,Medical Notes,Medication Notes,Driver Notes,Mobility Requirements," +
            "Reminder Opt In,Reminder Preference,Login Enabled,Username,Schedule (JSON),Archived,Created At,Updated At");

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(10L)]
    [InlineData(1_234_500L)]
    [InlineData(9_999_999L)]
    [InlineData(5_000_000L)]
    [InlineData(70L)]
    public void Timestamps_are_written_as_the_custom_format_would(long fractionTicks)
    {
        foreach (var seconds in new[] { new DateTime(2026, 11, 30, 18, 25, 18, DateTimeKind.Utc), new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc) })
        {
            var value = seconds.AddTicks(fractionTicks);
            CustomerCsv.Timestamp(value).ShouldBe(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
