using System.Text.Json.Serialization;

namespace Customers.Api.Customers.Bulk;

public sealed record BulkIdsRequest(IReadOnlyList<int> CustomerIds);
