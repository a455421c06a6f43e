namespace Customers.Api.Tests.Infrastructure;

/// <summary>A tenant created by one test, with clients for its admin and office user.</summary>
public sealed record TestTenant(CustomersApp App, int Id, User Admin, User Office)
{
    public HttpClient AdminClient() => App.ClientFor(Admin);

    public HttpClient OfficeClient() => App.ClientFor(Office);

    public string CustomersUrl => $"/api/tenants/{Id}/customers";
}
