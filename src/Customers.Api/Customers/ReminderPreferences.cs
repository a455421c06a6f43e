namespace Customers.Api.Customers;

public static class ReminderPreferences
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Both = "both";

    public static readonly string[] All = [Sms, Email, Both];
}
