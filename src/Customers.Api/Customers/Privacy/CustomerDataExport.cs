namespace Customers.Api.Customers.Privacy;

public sealed record CustomerDataExport(
    CustomerResponse Customer,
    IReadOnlyList<ReminderLogResponse> Reminders,
    IReadOnlyList<AuditEventResponse> AuditEvents,
    DateTime ExportedAt);
