namespace Customers.Web.Api;

public sealed record ReminderLogResponse(long Id, string Channel, string? Recipient, string Status, string? Error, DateTime SentAt, string? SentByName);

public sealed record ReminderListResponse(IReadOnlyList<ReminderLogResponse> Reminders);
