namespace Customers.Api.Reminders;

public static class ReminderRegistration
{
    /// <summary>Reminder channels: SMTP email (MailKit) and an HTTP SMS provider, each skipped when unconfigured.</summary>
    public static IHostApplicationBuilder AddCustomerReminders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section);
        builder.Services.AddOptions<Customers.Portal.PortalOptions>().BindConfiguration(Customers.Portal.PortalOptions.Section)
            .Validate(o => Customers.Portal.PortalOptions.IsInvitationUrl(o.InvitationUrl),
                "Portal:InvitationUrl must be an absolute http or https link with {token} after its '#' (a token in the path or query would reach access logs)")
            .Validate(o => o.InvitationLifetime > TimeSpan.Zero, "Portal:InvitationLifetime must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddHttpClient<ISmsSender, HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(15));
        return builder;
    }
}
