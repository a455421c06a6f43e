namespace Customers.Api.Customers.Bulk;

public sealed record BulkCreateResponse(IReadOnlyList<BulkCreateSuccess> Success, IReadOnlyList<BulkCreateError> Errors, BulkCreateSummary Summary);
