namespace Customers.Api.Reminders;

/// <summary>One attempt to remind a customer through one channel.</summary>
public class ReminderLog
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    public int CustomerId { get; set; }
    public required string Channel { get; set; }

    /// <summary>The address or number used; blanked when the customer is erased.</summary>
    public string? Recipient { get; set; }
    public required string Status { get; set; }
    public string? Error { get; set; }
    public DateTime SentAt { get; set; }
    public int? SentBy { get; set; }
}

public static class ReminderStatus
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

public sealed record ReminderLogResponse(long Id, string Channel, string? Recipient, string Status, string? Error, DateTime SentAt, int? SentBy)
{
    public static ReminderLogResponse From(ReminderLog l) => new(l.Id, l.Channel, l.Recipient, l.Status, l.Error, l.SentAt, l.SentBy);
}

public sealed record ReminderListResponse(IReadOnlyList<ReminderLogResponse> Reminders);

public sealed record SendReminderRequest(string? Message);

public sealed record ReminderSettingsRequest(bool? ReminderOptIn, string? ReminderPreference);

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>Empty: email reminders are skipped ("not configured").</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "reminders@example.org";

    /// <summary>MailKit's SecureSocketOptions: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
}

public sealed class SmsOptions
{
    /// <summary>The provider's endpoint, which takes a JSON body { "to", "text" }. Empty: SMS is skipped.</summary>
    public string? Url { get; set; }
    public string? Token { get; set; }
}
