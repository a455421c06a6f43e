namespace Customers.Api.Reminders;

public sealed class SmsOptions
{
    /// <summary>The provider's endpoint, which takes a JSON body { "to", "text" }. Empty: SMS is skipped.</summary>
    public string? Url { get; set; }
    public string? Token { get; set; }
}
