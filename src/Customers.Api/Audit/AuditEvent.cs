namespace Customers.Api.Audit;

/// <summary>
/// One thing someone did to customer records: a create, an update, a bulk request, an export…
/// A bulk request is one event naming every customer it touched.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public int TenantId { get; set; }

    /// <summary>The user who acted (null for the system).</summary>
    public int? ActorUserId { get; set; }
    public required string Action { get; set; }
    public List<int> CustomerIds { get; set; } = [];

    /// <summary>JSON object with what the action needs to explain itself (counts, changed fields). Never note text.</summary>
    public string Details { get; set; } = "{}";
    public DateTime At { get; set; }

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static AuditEvent Create(int tenantId, int? actorUserId, string action, IEnumerable<int> customerIds, object details, DateTime at) => new()
    {
        TenantId = tenantId,
        ActorUserId = actorUserId,
        Action = action,
        CustomerIds = customerIds.ToList(),
        Details = SerializeDetails(details),
        At = at,
    };

    /// <summary>An event's details as stored: snake_case JSON.</summary>
    public static string SerializeDetails(object details) => JsonSerializer.Serialize(details, DetailsJson);
}
