namespace Customers.Api.Customers.Bulk;

public sealed record BulkUpdateRequest(IReadOnlyList<BulkUpdateItem> Updates);
