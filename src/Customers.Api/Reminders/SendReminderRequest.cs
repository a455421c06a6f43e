namespace Customers.Api.Reminders;

public sealed record SendReminderRequest(string? Message);
