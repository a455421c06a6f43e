namespace Customers.Web.Api;

public sealed record ImportJobResponse(
    long Id, string Status, bool DryRun, int TotalRows, int ProcessedRows, int Created, int Updated, int Failed,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt,
    string? FileName = null, IReadOnlyDictionary<string, string?>? Mapping = null,
    DateTime? RevertedAt = null, int? RevertedDeleted = null, int? RevertedRestored = null, int? RevertedSkipped = null,
    IReadOnlyList<int>? RevertedSkippedIds = null)
{
    public bool IsFinished => Status is "completed" or "failed" or "cancelled" or "reverted";

    /// <summary>A completed real import within the API's 30 days can be undone.</summary>
    public bool CanRevert => Status == "completed" && !DryRun && FinishedAt is { } finished && finished > DateTime.UtcNow.AddDays(-30);
}

public sealed record ImportListResponse(IReadOnlyList<ImportJobResponse> Imports);

/// <summary>One header of an upload the API could not settle alone: the field it matched (if any) and the likeliest ones.</summary>
public sealed record ImportColumnMatch(string Header, string? Field, IReadOnlyList<string> Likeliest);
