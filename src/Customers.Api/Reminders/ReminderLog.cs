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
