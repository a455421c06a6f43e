using System.Net.Http.Headers;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Customers.Api.Reminders;

public interface ISmsSender
{
    Task<SendResult> SendAsync(string recipient, string text, CancellationToken cancellationToken);
}
