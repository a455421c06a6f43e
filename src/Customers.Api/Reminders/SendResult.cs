namespace Customers.Api.Reminders;

/// <summary>The outcome of one send: null error means delivered to the provider.</summary>
public sealed record SendResult(bool Configured, string? Error)
{
    /// <summary>The reminder log's status of this send (<see cref="ReminderStatus"/>).</summary>
    public string Status => !Configured ? ReminderStatus.Skipped : Error is null ? ReminderStatus.Sent : ReminderStatus.Failed;
}
