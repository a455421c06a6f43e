namespace Customers.Api.Reminders;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
}
