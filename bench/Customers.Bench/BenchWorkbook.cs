using System.Globalization;
using SpreadCheetah;

/// <summary>The import benchmark's rows, as CSV cells or as an Excel workbook of the same content.</summary>
internal static class BenchWorkbook
{
    public const string Header = "Name,Phone,Address,City,Postcode,Email,Paying Org,Schedule (JSON),Mobility Requirements";

    public static string[] Row(string tag, int i, bool longNotes = false) =>
    [
        $"Import {tag}-{i}", string.Create(CultureInfo.InvariantCulture, $"07700 900{i % 1000:000}"), $"{i} Station Road", "Leeds", "LS6 2QX",
        $"import{i}@example.org", "NHS", """{"monday":{"pickup_time":"09:00"}}""", longNotes ? Notes(i) : "Wheelchair user",
    ];

    /// <summary>Mobility notes of ~600 characters that do not compress away, so that a workbook is as big as its text.</summary>
    private static string Notes(int i)
    {
        var random = new Random(i);
        const string Letters = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(600, random, (span, r) =>
        {
            for (var k = 0; k < span.Length; k++)
            {
                span[k] = Letters[r.Next(Letters.Length)];
            }
        }).Trim();
    }

    public static async Task<byte[]> CreateAsync(int rows, string tag, bool longNotes = false)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream))
        {
            await spreadsheet.StartWorksheetAsync("Passengers");
            await spreadsheet.AddRowAsync(Header.Split(',').Select(h => new Cell(h)).ToList());
            for (var i = 0; i < rows; i++)
            {
                await spreadsheet.AddRowAsync(Row(tag, i, longNotes).Select(c => new Cell(c)).ToList());
            }
            await spreadsheet.FinishAsync();
        }
        return stream.ToArray();
    }
}
