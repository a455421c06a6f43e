namespace Customers.Api.Reminders;

public sealed record ReminderListResponse(IReadOnlyList<ReminderLogResponse> Reminders);
