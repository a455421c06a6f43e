using System.Net.Http.Headers;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Customers.Api.Reminders;

/// <summary>The outcome of one send: null error means delivered to the provider.</summary>
public sealed record SendResult(bool Configured, string? Error);
