using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no network peer: a request's <see cref="Header"/> says which
/// address it comes from, as a socket would, before any of the service's middleware runs.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer) && IPAddress.TryParse(peer, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
