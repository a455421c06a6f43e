namespace Customers.Web.Api;

public sealed record ReminderLogResponse(long Id, string Channel, string? Recipient, string Status, string? Error, DateTime SentAt);

public sealed record ReminderListResponse(IReadOnlyList<ReminderLogResponse> Reminders);
