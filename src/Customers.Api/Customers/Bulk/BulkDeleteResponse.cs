namespace Customers.Api.Customers.Bulk;

public sealed record BulkDeleteResponse(string Message, int Deleted, int Requested, IReadOnlyList<BulkCustomer> Customers, IReadOnlyList<BulkSkipped> Skipped);
