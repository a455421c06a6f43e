using SpreadCheetah;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>Real .xlsx files, written by SpreadCheetah as Excel writes them (numbers, dates and text in typed cells).</summary>
public static class TestWorkbooks
{
    /// <summary>One worksheet; a null row is left empty, a cell's type decides how it is stored.</summary>
    public static async Task<byte[]> CreateAsync(params object?[]?[] rows)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: TestContext.Current.CancellationToken))
        {
            await spreadsheet.StartWorksheetAsync("Passengers", token: TestContext.Current.CancellationToken);
            foreach (var row in rows)
            {
                await spreadsheet.AddRowAsync((row ?? []).Select(Cell).ToList(), TestContext.Current.CancellationToken);
            }
            await spreadsheet.FinishAsync(TestContext.Current.CancellationToken);
        }
        return stream.ToArray();
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        string text => new Cell(text),
        long number => new Cell(number),
        int number => new Cell(number),
        double number => new Cell(number),
        DateTime date => new Cell(date),
        bool flag => new Cell(flag),
        _ => throw new ArgumentException($"No cell for {value.GetType().Name}"),
    };

    public static MultipartFormDataContent Upload(byte[] workbook, string fileName = "passengers.xlsx", string? mapping = null)
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }
        return form;
    }
}
