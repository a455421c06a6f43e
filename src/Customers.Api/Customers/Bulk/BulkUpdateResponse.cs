namespace Customers.Api.Customers.Bulk;

public sealed record BulkUpdateResponse(IReadOnlyList<BulkUpdateSuccess> Success, IReadOnlyList<BulkUpdateError> Errors, BulkUpdateSummary Summary);
