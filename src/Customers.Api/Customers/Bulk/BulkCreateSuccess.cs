using System.Text.Json.Serialization;

namespace Customers.Api.Customers.Bulk;

public sealed record BulkCreateSuccess(
    int Row,
    [property: JsonPropertyName("customerId")] int CustomerId,
    string Name);
