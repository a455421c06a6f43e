namespace Customers.Api.Customers.Import;

public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>A completed job whose changes are being undone in the background (§8).</summary>
    public const string Reverting = "reverting";

    /// <summary>A completed job whose changes were undone (§8).</summary>
    public const string Reverted = "reverted";
}
