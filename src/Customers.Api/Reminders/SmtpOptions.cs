namespace Customers.Api.Reminders;

public sealed class SmtpOptions
{
    /// <summary>Empty: email reminders are skipped ("not configured").</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "reminders@example.org";

    /// <summary>MailKit's SecureSocketOptions: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
}
