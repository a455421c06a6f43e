namespace Customers.Api.Customers.Bulk;

public sealed record BulkArchiveResponse(string Message, int Archived, int Requested, IReadOnlyList<BulkCustomer> Customers, IReadOnlyList<BulkSkipped> Skipped);
