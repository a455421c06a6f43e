using System.Net;
using System.Net.Sockets;

/// <summary>
/// Serves a published Blazor app's wwwroot on loopback as the service serves its own: the
/// Brotli file beside each asset when the browser accepts it, fingerprinted assets cached.
/// </summary>
internal sealed class StaticSite : IAsyncDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript",
        [".json"] = "application/json",
        [".wasm"] = "application/wasm",
        [".css"] = "text/css",
        [".dat"] = "application/octet-stream",
    };

    private readonly HttpListener listener = new();
    private readonly string root;
    private readonly Task serving;

    public StaticSite(string root)
    {
        this.root = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }
        listener.Prefixes.Add(Url);
        listener.Start();
        serving = ServeAsync();
    }

    public string Url { get; }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            var file = Path.GetFullPath(Path.Combine(root, path.Length == 0 ? "index.html" : path));
            if (!file.StartsWith(root, StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = 404;
                return;
            }
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            if (file.Contains("/_framework/", StringComparison.Ordinal))
            {
                response.AddHeader("Cache-Control", "max-age=31536000, immutable");
            }
            var accepts = context.Request.Headers["Accept-Encoding"] ?? "";
            if (accepts.Contains("br", StringComparison.Ordinal) && File.Exists(file + ".br"))
            {
                file += ".br";
                response.AddHeader("Content-Encoding", "br");
                response.AddHeader("Vary", "Accept-Encoding");
            }
            var body = await File.ReadAllBytesAsync(file);
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // The browser went away (its context closed): nothing to answer.
        }
        finally
        {
            response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
