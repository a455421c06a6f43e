using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Customers.Api.Reminders;

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
