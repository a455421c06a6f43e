namespace Customers.Api.Customers.Import;

/// <summary>
/// A CSV import, processed in the background in batches. Each batch's customers, its failed rows
/// and the job's progress commit together, so a job that stops anywhere resumes at the next row
/// with nothing lost or written twice. An instance owns a running job while its claim lasts.
/// </summary>
public class ImportJob
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    public int? CreatedBy { get; set; }
    public string Status { get; set; } = ImportStatus.Queued;
    public bool DryRun { get; set; }
    public bool AllowDuplicates { get; set; }
    public string? FileName { get; set; }

    /// <summary>The uploaded header cells (JSON array), for the error file.</summary>
    public string Columns { get; set; } = "[]";
    public long SizeBytes { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Failed { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>One piece of an uploaded file, in order; stored before the upload is acknowledged.</summary>
public class ImportChunk
{
    public int TenantId { get; set; }
    public long JobId { get; set; }
    public int Sequence { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>A row that failed: its cells as uploaded (JSON array) and why.</summary>
public class ImportRowError
{
    public int TenantId { get; set; }
    public long JobId { get; set; }
    public int Row { get; set; }
    public required string Cells { get; set; }
    public required string Error { get; set; }
}

public sealed record ImportJobResponse(
    long Id, string Status, bool DryRun, int TotalRows, int ProcessedRows, int Created, int Updated, int Failed,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public static ImportJobResponse From(ImportJob j) => new(
        j.Id, j.Status, j.DryRun, j.TotalRows, j.ProcessedRows, j.Created, j.Updated, j.Failed, j.Error, j.CreatedAt, j.StartedAt, j.FinishedAt);
}

public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Largest accepted upload (100 MB by default).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    public int BatchSize { get; set; } = 1000;

    public int ChunkBytes { get; set; } = 1024 * 1024;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim lasts without a heartbeat before another instance takes the job over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Run the background processor in this instance (off for web-only instances).</summary>
    public bool ProcessJobs { get; set; } = true;
}
