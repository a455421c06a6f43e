using System.Text.Json.Serialization;

namespace Customers.Web.Api;

public sealed record Pagination(int Page, int Limit, int Total, [property: JsonPropertyName("totalPages")] int TotalPages);
