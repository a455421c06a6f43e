using System.Text.Json.Serialization;

namespace Customers.Api.Customers.Bulk;

public sealed record BulkUpdateError(int Row, [property: JsonPropertyName("customerId")] int? CustomerId, string Error, string? Field);
