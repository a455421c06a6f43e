using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback standing in for an SMS provider.</summary>
public sealed class LoopbackSmsProvider : IAsyncDisposable
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    public LoopbackSmsProvider()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/messages", async (Microsoft.AspNetCore.Http.HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((http.Request.Headers.Authorization.ToString(), body));
            http.Response.StatusCode = FailWith ?? 202;
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Url = _app.Urls.First() + "/messages";
    }

    public string Url { get; }

    public ConcurrentQueue<(string Authorization, string Body)> Received { get; } = new();

    public int? FailWith { get; set; }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
