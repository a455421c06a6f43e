using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

/// <summary>A job's uploaded file, read back as CSV from its stored chunks.</summary>
public sealed class StoredImportFile : IAsyncDisposable
{
    private readonly StreamReader text;

    private StoredImportFile(StreamReader text, CsvDataReader reader)
    {
        this.text = text;
        Reader = reader;
    }

    public CsvDataReader Reader { get; }

    public static async Task<StoredImportFile> OpenAsync(IServiceScopeFactory scopes, ImportJob job, CancellationToken cancellationToken)
    {
        var text = new StreamReader(new ChunkReadStream(scopes, job.TenantId, job.Id), ImportFile.EncodingOf(job.Encoding),
            detectEncodingFromByteOrderMarks: job.Encoding == ImportFile.Utf8);
        var reader = await CsvDataReader.CreateAsync(text, ImportFile.ReaderOptions, cancellationToken);
        return new StoredImportFile(text, reader);
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        text.Dispose();
    }
}
