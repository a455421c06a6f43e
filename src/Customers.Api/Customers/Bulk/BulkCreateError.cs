namespace Customers.Api.Customers.Bulk;

public sealed record BulkCreateError(int Row, string? Name, string Error, string? Field);
