namespace Customers.Api.Customers;

public sealed record Pagination(
    int Page,
    int Limit,
    int Total,
    [property: System.Text.Json.Serialization.JsonPropertyName("totalPages")] int TotalPages);
