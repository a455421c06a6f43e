namespace Customers.Api.Customers.Bulk;

public sealed record BulkUpdateSummary(int Total, int Updated, int Failed);
