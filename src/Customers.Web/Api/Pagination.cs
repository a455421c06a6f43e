using System.Text.Json.Serialization;

namespace Customers.Web.Api;

/// <summary>A list's page; past the API's 10,000-row window <see cref="Total"/> is a lower bound (<see cref="TotalExact"/> false).</summary>
public sealed record Pagination(int Page, int Limit, int Total, [property: JsonPropertyName("totalPages")] int TotalPages, bool TotalExact = true);
