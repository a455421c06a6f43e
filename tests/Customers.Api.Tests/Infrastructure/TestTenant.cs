using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Customers.Api.Data.Postgres;
using Customers.Api.Data.Sqlite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>A tenant created by one test, with clients for its admin and office user.</summary>
public sealed record TestTenant(CustomersApp App, int Id, User Admin, User Office)
{
    public HttpClient AdminClient() => App.ClientFor(Admin);

    public HttpClient OfficeClient() => App.ClientFor(Office);

    public string CustomersUrl => $"/api/tenants/{Id}/customers";
}
