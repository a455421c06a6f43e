namespace Customers.Api.Tests.Infrastructure;

/// <summary>The service on PostgreSQL, its reminders sent through loopback SMTP and SMS.</summary>
public sealed class PostgresAppWithChannels : PostgresApp
{
    public ReminderChannelsForTests Channels { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => Channels.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}
