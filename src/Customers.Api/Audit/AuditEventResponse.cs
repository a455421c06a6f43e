namespace Customers.Api.Audit;

public sealed record AuditEventResponse(long Id, int? Actor, string? ActorName, string Action, IReadOnlyList<int> CustomerIds, JsonElement Details, DateTime At)
{
    public static AuditEventResponse From(AuditEvent e, UserNames names) =>
        new(e.Id, e.ActorUserId, names[e.ActorUserId], e.Action, e.CustomerIds, JsonDocument.Parse(e.Details).RootElement, e.At);
}
