namespace Customers.Api.Customers.Bulk;

public sealed record BulkSkipped(int Id, string Reason);
