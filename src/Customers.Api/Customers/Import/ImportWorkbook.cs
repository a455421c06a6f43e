using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Customers.Api.Customers.Import;

/// <summary>
/// An Excel workbook upload (§8): its first worksheet is turned into UTF-8 CSV before the job is
/// stored, so that the job, its resumption, its error file and a run after a dry run all read
/// CSV as they do for any other upload. ExcelDataReader streams the sheet row by row (only the
/// shared-strings table is held in memory), so a big workbook does not need its size in memory.
/// </summary>
public static class ImportWorkbook
{
    // ExcelDataReader's configuration asks for code page 1252 (its fallback for old files), which
    // .NET has only through the code-pages provider.
    static ImportWorkbook() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>True when the file starts as a zip archive does (an .xlsx is one).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> start) => start.StartsWith("PK\u0003\u0004"u8);

    /// <summary>
    /// Writes the first worksheet of <paramref name="workbookPath"/> to <paramref name="csvPath"/>;
    /// returns a problem for a zip that is no workbook or a sheet larger than <paramref name="maxCsvBytes"/>.
    /// </summary>
    public static async Task<string?> ConvertToCsvAsync(string workbookPath, string csvPath, long maxCsvBytes, CancellationToken cancellationToken)
    {
        await using var workbook = File.OpenRead(workbookPath);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(workbook);
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            return "This is a zip file but not an Excel workbook (.xlsx): upload the customers as an .xlsx workbook or a CSV file";
        }
        using (reader)
        await using (var csv = new StreamWriter(csvPath, append: false, new UTF8Encoding(false), 64 * 1024) { NewLine = "\r\n" })
        {
            try
            {
                var header = -1;
                var line = new StringBuilder();
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var cells = Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i))).ToList();
                    if (header < 0)
                    {
                        if (cells.All(c => c.Length == 0))
                        {
                            // Blank rows above the header are skipped; blank rows below it are kept (the importer passes over
                            // them), so that error rows keep the numbers the spreadsheet shows.
                            continue;
                        }
                        header = LastFilled(cells) + 1;
                    }
                    // Cells past the header's last column are written only when filled (the row then fails as too long).
                    var width = Math.Max(header, LastFilled(cells) + 1);
                    line.Clear();
                    for (var i = 0; i < width; i++)
                    {
                        if (i > 0)
                        {
                            line.Append(',');
                        }
                        line.Append(CustomerCsv.Quote(i < cells.Count ? cells[i] : ""));
                    }
                    await csv.WriteLineAsync(line, cancellationToken);
                    if (csv.BaseStream.Position > maxCsvBytes)
                    {
                        return $"The workbook's first sheet holds more than {maxCsvBytes / (1024 * 1024)} MB of text: split it into smaller files";
                    }
                }
                return header < 0 ? "The workbook's first sheet is empty: its first row must name the columns" : null;
            }
            catch (Exception e) when (e is ExcelReaderException or InvalidDataException or System.Xml.XmlException or FormatException or EndOfStreamException or ArgumentException or InvalidOperationException)
            {
                return "The workbook cannot be read (damaged or protected by a password): save it again in Excel, or as CSV UTF-8, and upload that";
            }
        }
    }

    /// <summary>A cell as a person typed it: numbers without exponent or grouping (a phone stored as a number keeps its digits), dates as ISO.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        double number when number == Math.Floor(number) && Math.Abs(number) < 1e15 => number.ToString("0", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan time => time.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static int LastFilled(List<string> cells) => cells.FindLastIndex(c => c.Length > 0);
}
