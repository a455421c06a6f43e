namespace Customers.Web.Tests.Infrastructure;

/// <summary>The service on a real socket (a browser needs one), on one database.</summary>
public interface IWebHost
{
    string BaseUrl { get; }

    CustomersApp App { get; }

    ReminderChannelsForTests Channels { get; }
}
