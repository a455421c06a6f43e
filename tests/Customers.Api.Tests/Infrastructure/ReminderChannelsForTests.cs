namespace Customers.Api.Tests.Infrastructure;

/// <summary>A real SMTP server and a real SMS endpoint on loopback, and the settings that point the service at them.</summary>
public sealed class ReminderChannelsForTests : IAsyncDisposable
{
    public LoopbackSmtpServer Smtp { get; } = new();
    public LoopbackSmsProvider Sms { get; } = new();

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Reminders:Smtp:Host"] = "127.0.0.1",
        ["Reminders:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Reminders:Smtp:Security"] = "None",
        ["Reminders:Smtp:From"] = "reminders@operator.example",
        ["Reminders:Sms:Url"] = Sms.Url,
        ["Reminders:Sms:Token"] = "sms-test-token",
    };

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
    }
}
