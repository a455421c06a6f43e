namespace Customers.Api.Reminders;

public interface IEmailSender
{
    Task<SendResult> SendAsync(string recipient, string subject, string text, CancellationToken cancellationToken);
}
