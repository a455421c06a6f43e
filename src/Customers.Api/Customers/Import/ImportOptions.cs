namespace Customers.Api.Customers.Import;

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

    /// <summary>
    /// Batches a job runs before it gives way to another tenant's waiting job (its claim is
    /// released and the tenant served longest ago goes next); it carries on when nobody waits.
    /// </summary>
    public int BatchesPerTurn { get; set; } = 20;

    /// <summary>Runs that may end in an unexpected error before the job fails with the reason.</summary>
    public int MaxFailedAttempts { get; set; } = 3;

    /// <summary>How long a job waits after a run ended in an unexpected error, times the failures so far.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
