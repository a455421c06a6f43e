namespace Customers.Api.Customers.Bulk;

public sealed record BulkCustomer(int Id, string Name);
