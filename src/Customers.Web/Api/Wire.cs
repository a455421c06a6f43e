using System.Text.Json;
using System.Text.Json.Serialization;

namespace Customers.Web.Api;

/// <summary>The API's JSON conventions: snake_case members, nulls left out of requests.</summary>
public static class Wire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
