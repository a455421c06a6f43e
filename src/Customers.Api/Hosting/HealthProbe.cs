using System.Globalization;

namespace Customers.Api.Hosting;

/// <summary>
/// `Customers.Api healthcheck`: asks this host's own <c>/health/ready</c> and exits 0 when it
/// answers 200, else 1. For container health checks in an image without curl.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync()
    {
        var url = new Uri(new Uri(LocalAddress()), "/health/ready");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }

    // The address Kestrel listens on, from the same variables it reads, as seen from inside.
    private static string LocalAddress()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        if (!string.IsNullOrWhiteSpace(urls))
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            return first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        }
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0].Trim();
        return "http://127.0.0.1:" + (string.IsNullOrEmpty(port) ? "8080" : int.Parse(port, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
    }
}
