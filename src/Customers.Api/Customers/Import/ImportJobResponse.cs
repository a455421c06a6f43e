namespace Customers.Api.Customers.Import;

public sealed record ImportJobResponse(
    long Id, string Status, bool DryRun, int TotalRows, int ProcessedRows, int Created, int Updated, int Failed,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, string Encoding)
{
    public static ImportJobResponse From(ImportJob j) => new(
        j.Id, j.Status, j.DryRun, j.TotalRows, j.ProcessedRows, j.Created, j.Updated, j.Failed, j.Error, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Encoding);
}
