namespace Customers.Api.Hosting;

public sealed class DataRetentionOptions
{
    public const string Section = "DataRetention";

    /// <summary>How long a failed import row is kept for the job's error file after the job ends.</summary>
    public TimeSpan ImportErrorRows { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a completed dry run keeps its file for <c>POST /imports/{id}/run</c>.</summary>
    public TimeSpan DryRunFiles { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often an instance deletes what is past its time.</summary>
    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Run the purge in this instance (it is safe in several at once: deletes only).</summary>
    public bool Purge { get; set; } = true;
}
