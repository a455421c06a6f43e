using System.Text.Json.Serialization;

namespace Customers.Api.Customers.Bulk;

public sealed record BulkUpdateSuccess(int Row, [property: JsonPropertyName("customerId")] int CustomerId);
