namespace Customers.Api.Reminders;

public static class ReminderStatus
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
