namespace Customers.Api.Reminders;

public sealed record ReminderSettingsRequest(bool? ReminderOptIn, string? ReminderPreference);
