namespace Customers.Web.Api;

public sealed record ImportJobResponse(
    long Id, string Status, bool DryRun, int TotalRows, int ProcessedRows, int Created, int Updated, int Failed,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public bool IsFinished => Status is "completed" or "failed" or "cancelled";
}

public sealed record ImportListResponse(IReadOnlyList<ImportJobResponse> Imports);
