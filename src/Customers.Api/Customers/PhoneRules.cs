using PhoneNumbers;

namespace Customers.Api.Customers;

/// <summary>Phone parsing with libphonenumber (default region GB), accepting Ofcom's drama ranges too.</summary>
public static class PhoneRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Ofcom's numbers reserved for TV, radio and training (E.164 prefix, count). libphonenumber
    // calls some of them invalid; we accept them so that demo data and tests never use a real number.
    private static readonly (string Prefix, int Digits)[] DramaRanges =
    [
        ("+447700900", 3), ("+441632960", 3), ("+441134960", 3), ("+441144960", 3),
        ("+441154960", 3), ("+441164960", 3), ("+441174960", 3), ("+441184960", 3),
        ("+441214960", 3), ("+441314960", 3), ("+441414960", 3), ("+441514960", 3),
        ("+441614960", 3), ("+441914980", 3), ("+442079460", 3), ("+442896496", 3),
        ("+442920180", 3), ("+448081570", 3), ("+449098790", 3), ("+443069990", 3),
    ];

    public readonly record struct ParsedPhone(string E164, bool IsMobile);

    /// <summary>Parses a phone number into E.164, or null when it is not a valid number.</summary>
    public static ParsedPhone? Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40)
        {
            return null;
        }
        PhoneNumber number;
        try
        {
            number = Util.Parse(value, "GB");
        }
        catch (NumberParseException)
        {
            return null;
        }
        var e164 = Util.Format(number, PhoneNumberFormat.E164);
        if (IsDramaNumber(e164))
        {
            return new ParsedPhone(e164, e164.StartsWith("+447", StringComparison.Ordinal));
        }
        if (!Util.IsValidNumber(number))
        {
            return null;
        }
        var type = Util.GetNumberType(number);
        return new ParsedPhone(e164, type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE);
    }

    public static bool IsMobile(string e164) => Parse(e164)?.IsMobile == true;

    /// <summary>UK numbers in national format with spaces, others international (for CSV and display).</summary>
    public static string FormatForDisplay(string e164) => FormatUkQuickly(e164) ?? FormatWithLibrary(e164);

    // An export formats every phone of every row: the common UK shapes are spaced here directly
    // (libphonenumber costs ~10 µs a number); anything unusual goes to the library.
    private static string? FormatUkQuickly(string e164)
    {
        if (e164.Length != 13 || !e164.StartsWith("+44", StringComparison.Ordinal))
        {
            return null;
        }
        var national = string.Concat("0", e164.AsSpan(3));
        return national[1] switch
        {
            '2' => $"{national[..3]} {national[3..7]} {national[7..]}",
            '1' when national[2] == '1' || national[3] == '1' => $"{national[..4]} {national[4..7]} {national[7..]}",
            '1' or '7' => $"{national[..5]} {national[5..]}",
            '3' or '8' or '9' => $"{national[..4]} {national[4..7]} {national[7..]}",
            _ => null,
        };
    }

    private static string FormatWithLibrary(string e164)
    {
        try
        {
            var number = Util.Parse(e164, "GB");
            return number.CountryCode == 44
                ? Util.Format(number, PhoneNumberFormat.NATIONAL)
                : Util.Format(number, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    private static bool IsDramaNumber(string e164) =>
        DramaRanges.Any(r => e164.Length == r.Prefix.Length + r.Digits
            && e164.StartsWith(r.Prefix, StringComparison.Ordinal));
}
