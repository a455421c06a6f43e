namespace Customers.Api.Reminders;

public static class ReminderChannels
{
    public const string Sms = "sms";
    public const string Email = "email";
}
