using System.Globalization;
using SpreadCheetah;

/// <summary>The import benchmark's rows, as CSV cells or as an Excel workbook of the same content.</summary>
internal static class BenchWorkbook
{
    public const string Header = "Name,Phone,Address,City,Postcode,Email,Paying Org,Schedule (JSON),Mobility Requirements";

    public static string[] Row(string tag, int i) =>
    [
        $"Import {tag}-{i}", string.Create(CultureInfo.InvariantCulture, $"07700 900{i % 1000:000}"), $"{i} Station Road", "Leeds", "LS6 2QX",
        $"import{i}@example.org", "NHS", """{"monday":{"pickup_time":"09:00"}}""", "Wheelchair user",
    ];

    public static async Task<byte[]> CreateAsync(int rows, string tag)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream))
        {
            await spreadsheet.StartWorksheetAsync("Passengers");
            await spreadsheet.AddRowAsync(Header.Split(',').Select(h => new Cell(h)).ToList());
            for (var i = 0; i < rows; i++)
            {
                await spreadsheet.AddRowAsync(Row(tag, i).Select(c => new Cell(c)).ToList());
            }
            await spreadsheet.FinishAsync();
        }
        return stream.ToArray();
    }
}
