using System.Runtime.CompilerServices;
using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

/// <summary>One batch of file rows, mapped and validated: what can be known without the database.</summary>
public sealed record ImportBatch(
    List<(int Row, string[] Cells)> Rows,
    List<(int Row, string Error)> MappingErrors,
    List<BulkCreate.Row> CreateRows,
    List<BulkCreateError> CreateErrors,
    List<(int Row, int Id, JsonElement Fields)> Updates)
{
    public static readonly ImportBatch Empty = new([], [], [], [], []);

    /// <summary>
    /// Reads up to <paramref name="size"/> records after <paramref name="lastRow"/> (which it
    /// advances), maps each to an update (with an ID) or a create, and validates the creates.
    /// CPU only: an import reads the next batch while the current one is written.
    /// </summary>
    public static async Task<ImportBatch> ReadAsync(
        CsvDataReader reader, CustomerCsv.Column[] columns, int tenantId, StrongBox<int> lastRow, int size, CancellationToken cancellationToken)
    {
        var rows = new List<(int Row, string[] Cells)>(size);
        while (rows.Count < size && await reader.ReadAsync(cancellationToken))
        {
            // Numbered as a spreadsheet shows the record: the header is row 1. (lastRow counts records, for resuming.)
            rows.Add((++lastRow.Value + 1, ImportFile.ReadCells(reader)));
        }
        var errors = new List<(int Row, string Error)>();
        var creates = new List<(int Row, JsonElement Fields)>();
        var updates = new List<(int Row, int Id, JsonElement Fields)>();
        foreach (var (row, cells) in rows)
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                // A blank line or spreadsheet row between the data: neither a customer nor an error.
                continue;
            }
            var mapped = MapSafely(columns, cells);
            if (mapped.Problem is not null)
            {
                errors.Add((row, mapped.Problem));
            }
            else if (mapped.CustomerId is { } id)
            {
                updates.Add((row, id, mapped.Fields));
            }
            else
            {
                creates.Add((row, mapped.Fields));
            }
        }
        var (createRows, createErrors) = BulkCreate.Validate(tenantId, creates.Select(c => c.Fields).ToList(), creates.Select(c => c.Row).ToList(), everyProblem: true);
        return new ImportBatch(rows, errors, createRows, createErrors, updates);
    }

    // A row the rules did not foresee fails on its own instead of failing every run of the job.
    private static ImportFile.MappedRow MapSafely(CustomerCsv.Column[] columns, string[] cells)
    {
        try
        {
            return ImportFile.Map(columns, cells);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return new ImportFile.MappedRow(null, default, $"This row cannot be read ({e.GetType().Name})");
        }
    }
}
