namespace Customers.Api.Reminders;

public sealed record ReminderLogResponse(long Id, string Channel, string? Recipient, string Status, string? Error, DateTime SentAt, int? SentBy)
{
    public static ReminderLogResponse From(ReminderLog l) => new(l.Id, l.Channel, l.Recipient, l.Status, l.Error, l.SentAt, l.SentBy);
}
