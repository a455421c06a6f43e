using System.Text.Json.Serialization;

namespace Customers.Web.Api;

public sealed record LoginResponse([property: JsonPropertyName("accessToken")] string AccessToken);
