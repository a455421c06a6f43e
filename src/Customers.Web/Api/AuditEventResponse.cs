using System.Text.Json;

namespace Customers.Web.Api;

public sealed record AuditEventResponse(long Id, int? Actor, string? ActorName, string Action, IReadOnlyList<int> CustomerIds, JsonElement Details, DateTime At);

public sealed record AuditListResponse(IReadOnlyList<AuditEventResponse> Events);
