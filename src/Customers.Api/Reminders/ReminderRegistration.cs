namespace Customers.Api.Reminders;

public static class ReminderRegistration
{
    /// <summary>Reminder channels: SMTP email (MailKit) and an HTTP SMS provider, each skipped when unconfigured.</summary>
    public static IHostApplicationBuilder AddCustomerReminders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section);
        builder.Services.AddOptions<Customers.Portal.PortalOptions>().BindConfiguration(Customers.Portal.PortalOptions.Section);
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddHttpClient<ISmsSender, HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(15));
        return builder;
    }
}
