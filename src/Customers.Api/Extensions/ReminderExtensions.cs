namespace Customers.Api.Extensions;

public static class ReminderExtensions
{
    /// <summary>Reminder channels: SMTP email (MailKit) and an HTTP SMS provider, each skipped when unconfigured.</summary>
    public static IHostApplicationBuilder AddCustomerReminders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Reminders.ReminderOptions>().BindConfiguration(Reminders.ReminderOptions.Section);
        builder.Services.AddSingleton<Reminders.IEmailSender, Reminders.SmtpEmailSender>();
        builder.Services.AddHttpClient<Reminders.ISmsSender, Reminders.HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(15));
        return builder;
    }
}
