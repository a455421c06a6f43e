namespace Customers.Api.Reminders;

public sealed record ReminderLogResponse(long Id, string Channel, string? Recipient, string Status, string? Error, DateTime SentAt, int? SentBy, string? SentByName)
{
    public static ReminderLogResponse From(ReminderLog l, UserNames names) => new(l.Id, l.Channel, l.Recipient, l.Status, l.Error, l.SentAt, l.SentBy, names[l.SentBy]);
}
