namespace Customers.Api.Customers.Bulk;

public sealed record BulkIdsRequest(IReadOnlyList<int> CustomerIds);
