using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

/// <summary>Reading an uploaded CSV: strict UTF-8, the header's columns, and each record as customer fields.</summary>
public static class ImportFile
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public const string Utf8 = "utf-8";

    /// <summary>What Excel's and LibreOffice's plain "CSV" write on a UK PC (§8): read when the bytes are not UTF-8.</summary>
    public const string Windows1252 = "windows-1252";

    public static Encoding EncodingOf(string name) => name == Windows1252 ? CodePagesEncodingProvider.Instance.GetEncoding(1252)! : StrictUtf8;

    /// <summary>
    /// Why the file's first bytes say it is no CSV text (an Excel workbook, UTF-16, a binary
    /// file), with what to upload instead; null when it may be text.
    /// </summary>
    public static string? DescribeNonText(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "This file is UTF-16 text (Excel's \"Unicode Text\"): save it as CSV UTF-8 and upload that";
        }
        if (start.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return "This is an old Excel workbook (.xls): in Excel use File › Save As › CSV UTF-8 and upload that";
        }
        if (start.StartsWith("%PDF"u8))
        {
            return "This is a PDF, not CSV: export the list from its source as CSV and upload that";
        }
        return start.Contains((byte)0)
            ? "This is not a text file (it holds NUL bytes): upload a CSV file (comma, semicolon or tab separated)"
            : null;
    }

    public static CsvDataReaderOptions ReaderOptions => new() { HasHeaders = true, BufferSize = 64 * 1024 };

    /// <summary>Returns the offset of the first byte that is not UTF-8, or -1 when the whole stream is valid.</summary>
    public static async Task<long> FindInvalidUtf8Async(Stream stream, CancellationToken cancellationToken)
    {
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        long offset = 0;
        int read;
        try
        {
            while ((read = await stream.ReadAsync(bytes, cancellationToken)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                offset += read;
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return offset + Math.Max(0, e.Index);
        }
    }

    public static string[] ReadHeader(CsvDataReader reader) =>
        Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();

    public static string[] ReadCells(CsvDataReader reader) =>
        Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray();

    public sealed record MappedRow(int? CustomerId, JsonElement Fields, string? Problem);

    /// <summary>
    /// Turns one record into customer fields. With an ID it updates: every column present is set
    /// and an empty cell clears. Without one it creates: empty cells are simply not given.
    /// Read-only export columns (Archived, Created At, Updated At) are ignored.
    /// </summary>
    public static MappedRow Map(CustomerCsv.Column[] columns, string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            return new MappedRow(null, default, $"Row has {cells.Length} field(s); the header has {columns.Length}");
        }
        int? id = null;
        var idIndex = Array.FindIndex(columns, c => c.Kind == CustomerCsv.Kind.Id);
        if (idIndex >= 0 && cells[idIndex].Trim().Length > 0)
        {
            if (!int.TryParse(cells[idIndex].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return new MappedRow(null, default, $"ID must be a positive whole number (got '{cells[idIndex]}')");
            }
            id = parsed;
        }
        var fields = new JsonObject();
        if (id is { } customerId)
        {
            fields["customer_id"] = customerId;
        }
        var nameParts = new List<string>(2);
        var hasNameParts = false;
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            if (column.Kind is CustomerCsv.Kind.Id or CustomerCsv.Kind.ReadOnly)
            {
                continue;
            }
            if (column.Kind == CustomerCsv.Kind.NamePart)
            {
                // First name before last, whatever the column order.
                hasNameParts = true;
                var part = CustomerCsv.Restore(cells[i]).Trim();
                if (part.Length > 0)
                {
                    nameParts.Insert(column.Field == CustomerCsv.FirstName.Field ? 0 : nameParts.Count, part);
                }
                continue;
            }
            var cell = column.Kind is CustomerCsv.Kind.Text or CustomerCsv.Kind.Phone or CustomerCsv.Kind.Json
                ? CustomerCsv.Restore(cells[i])
                : cells[i].Trim();
            if (cell.Length == 0)
            {
                if (id is not null)
                {
                    // An empty cell clears the field; "cleared" for a yes/no field is no.
                    fields[column.Field] = column.Kind == CustomerCsv.Kind.Bool ? false : null;
                }
                continue;
            }
            if (column.Kind == CustomerCsv.Kind.Json)
            {
                if (!TryReadJson(cell, out var json))
                {
                    return new MappedRow(null, default, $"{column.Header} {JsonStrings.Problem}");
                }
                fields[column.Field] = json;
                continue;
            }
            fields[column.Field] = column.Kind switch
            {
                CustomerCsv.Kind.Bool => ReadBool(cell) is { } flag ? flag : cell,
                CustomerCsv.Kind.Number => decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : cell,
                _ => cell,
            };
        }
        if (hasNameParts && (nameParts.Count > 0 || id is not null))
        {
            fields["name"] = nameParts.Count > 0 ? string.Join(' ', nameParts) : null;
        }
        return new MappedRow(id, JsonSerializer.SerializeToElement(fields), null);
    }

    private static bool? ReadBool(string cell) => cell.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" => true,
        "false" or "no" or "n" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// Valid JSON goes through as JSON (the schedule rules then check its shape); anything else as
    /// text, which they refuse. False for valid JSON holding a string that is not text ("\ud800").
    /// </summary>
    private static bool TryReadJson(string cell, out JsonNode? json)
    {
        try
        {
            using var document = JsonDocument.Parse(cell);
            json = null;
            if (JsonStrings.FindInvalid(document.RootElement) is not null)
            {
                return false;
            }
            json = JsonSerializer.SerializeToNode(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            json = cell;
            return true;
        }
    }
}
