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

    /// <summary>The field each column filled (JSON object from header to field name, null for a column left out).</summary>
    public string? Mapping { get; set; }

    /// <summary>How the file's bytes are read: utf-8, or windows-1252 when they are not UTF-8.</summary>
    public string Encoding { get; set; } = ImportFile.Utf8;
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Failed { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>When the job was reverted (§8), by whom, and what the revert did.</summary>
    public DateTime? RevertedAt { get; set; }
    public int? RevertedBy { get; set; }
    public int RevertedDeleted { get; set; }
    public int RevertedRestored { get; set; }
    public int RevertedSkipped { get; set; }

    /// <summary>JSON array of the customers the revert left as they were because they changed after the import.</summary>
    public string? RevertedSkippedIds { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>When an instance last claimed it: the tenant served longest ago goes next.</summary>
    public DateTime? LastClaimedAt { get; set; }

    /// <summary>Runs since the last committed batch that ended in an unexpected error; at the limit the job fails.</summary>
    public int FailedAttempts { get; set; }
}
