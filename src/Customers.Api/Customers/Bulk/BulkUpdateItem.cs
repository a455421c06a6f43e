namespace Customers.Api.Customers.Bulk;

public sealed record BulkUpdateItem : CustomerRequest
{
    public required int CustomerId { get; init; }
}
