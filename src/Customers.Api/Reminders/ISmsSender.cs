namespace Customers.Api.Reminders;

public interface ISmsSender
{
    Task<SendResult> SendAsync(string recipient, string text, CancellationToken cancellationToken);
}
