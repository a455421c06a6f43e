namespace Customers.Api.Tests.Infrastructure;

/// <summary>The service on SQLite, its reminders sent through loopback SMTP and SMS.</summary>
public sealed class SqliteAppWithChannels : SqliteApp
{
    public ReminderChannelsForTests Channels { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => Channels.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}
