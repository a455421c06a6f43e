namespace Customers.Api.Customers.Bulk;

public sealed record BulkUnarchiveResponse(string Message, int Unarchived, int Requested, IReadOnlyList<BulkCustomer> Customers, IReadOnlyList<BulkSkipped> Skipped);
