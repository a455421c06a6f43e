using System.Net.Http.Headers;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Customers.Api.Reminders;

/// <summary>The outcome of one send: null error means delivered to the provider.</summary>
public sealed record SendResult(bool Configured, string? Error);

public interface IEmailSender
{
    Task<SendResult> SendAsync(string recipient, string subject, string text, CancellationToken cancellationToken);
}

public interface ISmsSender
{
    Task<SendResult> SendAsync(string recipient, string text, CancellationToken cancellationToken);
}

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

/// <summary>SMS through an HTTP provider: POST { "to", "text" } with a bearer token.</summary>
public sealed class HttpSmsSender(HttpClient http, IOptionsMonitor<ReminderOptions> options) : ISmsSender
{
    public async Task<SendResult> SendAsync(string recipient, string text, CancellationToken cancellationToken)
    {
        var sms = options.CurrentValue.Sms;
        if (string.IsNullOrWhiteSpace(sms.Url))
        {
            return new SendResult(false, "SMS is not configured (Reminders:Sms:Url)");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url) { Content = JsonContent.Create(new { to = recipient, text }) };
        if (!string.IsNullOrEmpty(sms.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sms.Token);
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? new SendResult(true, null)
                : new SendResult(true, $"SMS provider answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return new SendResult(true, $"SMS provider unreachable: {e.Message}");
        }
    }
}
