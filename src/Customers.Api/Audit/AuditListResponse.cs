namespace Customers.Api.Audit;

public sealed record AuditListResponse(IReadOnlyList<AuditEventResponse> Events, Pagination Pagination);
