using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Serves a published Blazor app's wwwroot on loopback as the service serves its own: the
/// framework's static assets from the publish's endpoint manifest (Brotli when the browser takes
/// it, fingerprinted assets cached), and the files the benchmark adds beside them.
/// </summary>
internal sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticSite(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    /// <param name="webRoot">The publish's wwwroot; its endpoint manifest (*.staticwebassets.endpoints.json) is in the folder above.</param>
    public static async Task<StaticSite> StartAsync(string webRoot)
    {
        var publish = Path.GetDirectoryName(Path.GetFullPath(webRoot).TrimEnd(Path.DirectorySeparatorChar))!;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = publish, WebRootPath = webRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseStaticFiles();
        app.MapStaticAssets(Directory.GetFiles(publish, "*.staticwebassets.endpoints.json").Single());
        app.MapFallbackToFile("index.html");
        await app.StartAsync();
        // The port the server chose, once it listens.
        return new StaticSite(app, app.Urls.Single() + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
