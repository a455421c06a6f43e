using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Customers.Api.Reminders;

/// <summary>Email over SMTP with MailKit.</summary>
public sealed class SmtpEmailSender(IOptionsMonitor<ReminderOptions> options) : IEmailSender
{
    public async Task<SendResult> SendAsync(string recipient, string subject, string text, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new SendResult(false, "Email is not configured (Reminders:Smtp:Host)");
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        try
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return new SendResult(true, null);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException
            or IOException or System.Net.Sockets.SocketException or SslHandshakeException or TimeoutException)
        {
            return new SendResult(true, $"SMTP: {e.Message}");
        }
    }
}
