namespace Customers.Api.Customers.Bulk;

public sealed record BulkCreateSummary(int Total, int Created, int Failed);
